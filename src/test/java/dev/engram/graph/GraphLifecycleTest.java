package dev.engram.graph;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The graph around its jobs: decision and task nodes follow their memory's review, jobs show where their graph work
 * stands, and operators rebuild the graph and read its backlog.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class GraphLifecycleTest {

    private static final Duration GRAPH = Duration.ofSeconds(30);

    @Inject
    GraphStage stage;
    @Inject
    GraphWorkRepository work;
    @Inject
    GraphPurge purge;
    @Inject
    Pool pool;

    /** A finished extraction of the meeting notes whose graph is written; answers its extraction answer. */
    private JsonPath meetingWithGraph(String user) {
        JsonPath extraction = Api.extract(user, Map.of("text", Api.MEETING_NOTES, "async", false)).jsonPath();
        awaitGraph(user, extraction.getString("task_id"), "completed");
        return extraction;
    }

    private static Response awaitGraph(String user, String taskId, String state) {
        return Await.until("graph_state " + state, GRAPH,
                () -> Api.as(user).get("/api/v1/memories/extract/{id}/progress", taskId),
                r -> state.equals(r.path("graph_state")));
    }

    private static String idOf(JsonPath extraction, String type) {
        return extraction.getList("extracted_memories", Map.class).stream()
                .filter(m -> type.equals(m.get("memory_type"))).map(m -> (String) m.get("temp_id"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " extracted"));
    }

    private static void review(String user, JsonPath extraction, Map<String, Object> body) {
        Api.as(user).contentType(ContentType.JSON).body(body)
                .post("/api/v1/memories/extract/{id}/confirm", extraction.getString("extraction_id"))
                .then().statusCode(200);
    }

    /** The status of the user's node of {@code type}, and of every fact at either end of it. */
    private List<String> statuses(String user, String type) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("SELECT e.status AS node, r.status AS fact FROM entities e LEFT JOIN relationships r "
                + "ON r.user_id = e.user_id AND (r.source_id = e.id OR r.target_id = e.id) "
                + "WHERE e.user_id = $1 AND e.type = $2").execute(Tuple.of(user, type)).await().indefinitely()
                .forEach(r -> {
                    if (out.isEmpty()) {
                        out.add("node " + r.getString("node"));
                    }
                    if (r.getString("fact") != null) {
                        out.add("fact " + r.getString("fact"));
                    }
                });
        return out;
    }

    @Test
    void confirmedDecisionComesOutActiveAndRejectedTaskRejected() {
        String alice = Users.fresh("alice");
        JsonPath extraction = meetingWithGraph(alice);
        assertThat(statuses(alice, "decision")).startsWith("node proposed").contains("fact proposed");
        assertThat(statuses(alice, "task")).startsWith("node proposed").contains("fact proposed");

        review(alice, extraction, Map.of("confirmed_ids", List.of(idOf(extraction, "decision")),
                "rejected_ids", List.of(idOf(extraction, "task"))));

        assertThat(statuses(alice, "decision")).startsWith("node active").doesNotContain("fact proposed",
                "fact rejected");
        assertThat(statuses(alice, "task")).startsWith("node rejected").doesNotContain("fact proposed",
                "fact active");
    }

    @Test
    void aConfirmationBeforeTheStageAppliesItsAnswerStillEndsActive() throws Exception {
        String alice = Users.fresh("alice");
        JsonPath extraction = meetingWithGraph(alice);
        String taskId = extraction.getString("task_id");
        GraphRequested request = new GraphRequested(taskId, 0, alice);
        String answer = work.find(request).orElseThrow().answer();
        assertThat(answer).containsPattern("\"memories_saved\": ?false");
        // The stage had read the chunk (its memories awaiting review) and saved its answer, then stopped.
        purge.purgeJob(alice, taskId);
        work.open(List.of(request));
        work.saveAnswer(request, answer);
        assertThat(Api.as(alice).get("/api/v1/memories/extract/{id}/progress", taskId).<String>path("graph_state"))
                .isEqualTo("pending");
        assertThat(Api.as(alice).get("/api/v1/jobs").jsonPath()
                .getString("jobs.find { it.task_id == '" + taskId + "' }.graph_state")).isEqualTo("pending");

        review(alice, extraction, Map.of("confirmed_ids", List.of(idOf(extraction, "decision"))));
        stage.process(request);

        assertThat(statuses(alice, "decision")).startsWith("node active").doesNotContain("fact proposed");
        assertThat(statuses(alice, "task")).startsWith("node proposed");
        assertThat(Api.as(alice).get("/api/v1/jobs").jsonPath()
                .getString("jobs.find { it.task_id == '" + taskId + "' }.graph_state")).isEqualTo("completed");
    }

    @Test
    void failedGraphWorkShowsOnTheJobWithItsCount() {
        String alice = Users.fresh("alice");
        String taskId = meetingWithGraph(alice).getString("task_id");
        GraphRequested second = new GraphRequested(taskId, 1, alice);
        work.open(List.of(second));
        work.fail(second, "IllegalStateException: test");

        Response progress = Api.as(alice).get("/api/v1/memories/extract/{id}/progress", taskId);
        assertThat(progress.<String>path("graph_state")).isEqualTo("failed");
        assertThat(progress.<Integer>path("graph_chunks_failed")).isEqualTo(1);
        JsonPath jobs = Api.as(alice).get("/api/v1/jobs").jsonPath();
        assertThat(jobs.getInt("jobs.find { it.task_id == '" + taskId + "' }.graph_chunks_failed")).isEqualTo(1);
    }

    @Test
    void aJobWithoutGraphWorkShowsNoGraphState() {
        String alice = Users.fresh("alice");
        String taskId = meetingWithGraph(alice).getString("task_id");
        purge.purgeJob(alice, taskId);
        assertThat(Api.as(alice).get("/api/v1/memories/extract/{id}/progress", taskId).asString())
                .doesNotContain("graph_state");
    }

    @Test
    void aRebuildRequestsTheMissingWorkOnceAndTheStageCompletesIt() {
        String alice = Users.fresh("alice");
        String taskId = meetingWithGraph(alice).getString("task_id");
        purge.purgeJob(alice, taskId);
        assertThat(statuses(alice, "decision")).isEmpty();

        Response first = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("user_id", alice)).post("/api/v1/admin/graph/rebuild");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(202);
        assertThat(first.<Integer>path("chunks_requested")).isEqualTo(1);
        awaitGraph(alice, taskId, "completed");
        assertThat(statuses(alice, "decision")).startsWith("node proposed");

        Response again = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("user_id", alice)).post("/api/v1/admin/graph/rebuild");
        assertThat(again.<Integer>path("chunks_requested")).isZero();
    }

    @Test
    void statsCountThePendingAndFailedWorkAndTheOldestWait() {
        String alice = Users.fresh("alice");
        GraphRequested pending = new GraphRequested("tsk_stats_" + alice, 0, alice);
        GraphRequested failed = new GraphRequested("tsk_stats_" + alice, 1, alice);
        work.open(List.of(pending, failed));
        work.fail(failed, "IllegalStateException: test");

        JsonPath stats = given().auth().oauth2(admin()).get("/api/v1/admin/graph/stats").then().statusCode(200)
                .extract().jsonPath();
        assertThat(stats.getLong("pending")).isGreaterThanOrEqualTo(1);
        assertThat(stats.getLong("failed")).isGreaterThanOrEqualTo(1);
        assertThat(stats.getLong("oldest_pending_age_seconds")).isGreaterThanOrEqualTo(0);
        assertThat(stats.getInt("queue_depth")).isGreaterThanOrEqualTo(0);
        assertThat(stats.getInt("dead_letters")).isGreaterThanOrEqualTo(0);
        work.complete(pending);
    }

    @Test
    void graphAdminRoutesAreForAdminsOnly() {
        Api.as(Users.fresh("user")).get("/api/v1/admin/graph/stats").then().statusCode(403);
        Api.as(Users.fresh("user")).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/admin/graph/rebuild").then().statusCode(403);
        given().get("/api/v1/admin/graph/stats").then().statusCode(401);
    }

    @Test
    void theGraphDeadLetterQueueIsListedWithTheOthers() {
        JsonPath dlq = given().auth().oauth2(admin()).get("/api/v1/admin/dlq?peek=0").then().statusCode(200)
                .extract().jsonPath();
        assertThat(dlq.getList("queue", String.class)).contains("ingest", "chunks", "chat", "graph");
    }

    private static String admin() {
        return TestTokens.forUser(Users.fresh("ops"), "admin");
    }
}
