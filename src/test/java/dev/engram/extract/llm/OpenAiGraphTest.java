package dev.engram.extract.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.graph.GraphRequested;
import dev.engram.graph.GraphStage;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The knowledge graph read by the {@code openai} graph provider, end to end against a fake OpenAI-compatible server. */
@QuarkusTest
@TestProfile(OpenAiGraphTestProfile.class)
@QuarkusTestResource(TestTokens.class)
class OpenAiGraphTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @InjectFakeOpenAi
    FakeOpenAi fake;
    @Inject
    GraphStage stage;
    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;


    private static String extract(String user, String text) {
        return Api.as(user).contentType(ContentType.JSON)
                .body(Map.of("text", text, "async", false, "auto_save", true))
                .post("/api/v1/memories/extract").then().statusCode(200).extract().path("task_id");
    }

    private static Response about(String user, String name) {
        return Api.as(user).queryParam("name", name).get("/api/v1/graph/about");
    }

    private List<String> graphCalls(String key) {
        return fake.chatBodiesWith(key).stream().filter(b -> b.contains(FakeOpenAi.GRAPH_PROMPT)).toList();
    }

    @Test
    void theModelsFactsLandWithTheirDatesOnceAndWhatThePassageDoesNotHoldIsDropped() {
        String alice = Users.fresh("alice");
        String key = "g" + UUID.randomUUID().toString().replace("-", "");
        extract(alice, "As of March 1, 2024 Alice Chen works at Globex. Reference " + key + ".");

        Response found = Await.until("the graph of the chunk", TIMEOUT, () -> about(alice, "Alice Chen"),
                r -> r.statusCode() == 200 && !r.jsonPath().getList("facts").isEmpty());
        assertThat(found.jsonPath().getList("facts.type")).contains("works_at").doesNotContain("member_of", "knows");
        assertThat(found.jsonPath().getString("facts.find { it.type == 'works_at' }.other.name")).isEqualTo("Globex");
        assertThat(found.jsonPath().getString("facts.find { it.type == 'works_at' }.valid_from"))
                .isEqualTo("2024-03-01");
        assertThat(about(alice, "Ghost Person").statusCode()).isEqualTo(404);
        assertThat(Api.as(alice).get("/api/v1/graph/entities?type=organization").jsonPath().getList("entities.name"))
                .containsExactly("Globex");
        // The memory the extraction proposed is a task node assigned to Sarah, as the rules map it.
        assertThat(about(alice, "Sarah").jsonPath().getList("facts.type")).contains("assigned_to");
        // One call per chunk: a transport retry (a timeout on a busy machine) repeats the same request.
        assertThat(graphCalls(key)).isNotEmpty().allSatisfy(b -> assertThat(b).isEqualTo(graphCalls(key).get(0)));
        assertThat(graphCalls(key).get(0)).contains("The notes are dated").doesNotContain("previous answer was rejected");
    }

    @Test
    void twoDeliveriesOfTheSameWorkAtOnceAskTheProviderOnce() throws Exception {
        String alice = Users.fresh("alice");
        String key = "g" + UUID.randomUUID().toString().replace("-", "");
        String job = extract(alice, "Fox Mulder works at Hooli. Reference " + key + ".");
        // Completed, not only applied: the stage marks the work completed after it wrote the graph.
        Await.until("the graph work completed", TIMEOUT, () -> state(job), s -> s.equals("completed"));
        int before = graphCalls(key).size();
        // The work as a fresh request finds it: pending, no answer yet.
        bridge.await(() -> pool.preparedQuery("UPDATE graph_work SET state = 'pending', answer = NULL, read_until = NULL "
                + "WHERE job_id = $1").execute(Tuple.of(job)));
        GraphRequested request = new GraphRequested(job, 0, alice);

        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> process(request));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> process(request));
        CompletableFuture.allOf(one, two).get(60, TimeUnit.SECONDS);
        Await.until("the work completed", TIMEOUT, () -> state(job), s -> s.equals("completed"));

        // The profile's timeout is long enough that no transport retry repeats a request here.
        assertThat(graphCalls(key)).as("requests for the chunk's graph").hasSize(before + 1);
        assertThat(about(alice, "Fox Mulder").jsonPath().getList("facts.type")).containsOnlyOnce("works_at");
    }

    private String state(String job) {
        var rows = bridge.await(() -> pool.preparedQuery("SELECT state FROM graph_work WHERE job_id = $1")
                .execute(Tuple.of(job)));
        return rows.rowCount() == 0 ? "none" : rows.iterator().next().getString("state");
    }

    private void process(GraphRequested request) {
        try {
            stage.process(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAnswerWithoutItsListsIsAskedForAgainWithTheProblemSpelledOut() {
        String alice = Users.fresh("alice");
        String key = "g" + UUID.randomUUID().toString().replace("-", "");
        extract(alice, "Dana Scully works at Initech. graphbad " + key + ".");

        Await.until("the graph of the chunk", TIMEOUT, () -> about(alice, "Dana Scully").statusCode(), s -> s == 200);
        List<String> calls = graphCalls(key);
        // Asked twice (a transport retry repeats a request as it was): the last time with the problem spelled out.
        assertThat(calls).hasSizeGreaterThanOrEqualTo(2);
        assertThat(calls.get(0)).doesNotContain("Your previous answer was rejected");
        assertThat(calls.get(calls.size() - 1))
                .contains("Your previous answer was rejected: entities and relationships are both required");
        assertThat(calls.stream().filter(b -> b.contains("previous answer was rejected")).distinct()).hasSize(1);
    }

    @Test
    void closeNamesThatSpellingLeavesApartAreJudgedOnceAndMergedWhenTheJudgeFindsThemOne() {
        String alice = Users.fresh("alice");
        String key = "g" + UUID.randomUUID().toString().replace("-", "");
        extract(alice, "Mia Harlow works at Zyntrobotics. Reference " + key + "a.");
        Await.until("the first organisation", TIMEOUT, () -> organizations(alice), o -> o.contains("Zyntrobotics"));
        String second = extract(alice, "Leo Brandt works at Zyntautomation. Reference " + key + "b.");
        Await.until("the second chunk's graph completed", TIMEOUT, () -> state(second), s -> s.equals("completed"));

        // Cosine 0.85, names spelled apart: the rules would only suggest the pair; the judge found it one thing.
        List<String> judged = fake.chatBodiesWith("Zyntautomation").stream()
                .filter(b -> b.contains(FakeOpenAi.JUDGE_PROMPT)).toList();
        assertThat(judged).hasSize(1);
        assertThat(judged.get(0)).contains("organization: \\\"Zyntautomation\\\" | \\\"Zyntrobotics\\\"");
        assertThat(organizations(alice)).containsExactly("Zyntrobotics");
        var merges = bridge.await(() -> pool.preparedQuery("SELECT method, score FROM entity_merges WHERE user_id = $1")
                .execute(Tuple.of(alice)));
        assertThat(merges.rowCount()).isEqualTo(1);
        assertThat(merges.iterator().next().getString("method")).isEqualTo("llm");
        assertThat(about(alice, "Leo Brandt").jsonPath().getString("facts.find { it.type == 'works_at' }.other.name"))
                .isEqualTo("Zyntrobotics");
        // The people are not the judge's to merge (the fake finds only the marked organisations one thing).
        assertThat(about(alice, "Mia Harlow").statusCode()).isEqualTo(200);
        assertThat(about(alice, "Leo Brandt").statusCode()).isEqualTo(200);

        // Delivered again, the chunk adds no entity and asks nothing more.
        bridge.await(() -> pool.preparedQuery("UPDATE graph_work SET state = 'pending' WHERE job_id = $1")
                .execute(Tuple.of(second)));
        process(new GraphRequested(second, 0, alice));
        assertThat(fake.chatBodiesWith("Zyntautomation").stream().filter(b -> b.contains(FakeOpenAi.JUDGE_PROMPT)))
                .hasSize(1);
    }

    private static List<String> organizations(String user) {
        return Api.as(user).get("/api/v1/graph/entities?type=organization").jsonPath().getList("entities.name");
    }
}
