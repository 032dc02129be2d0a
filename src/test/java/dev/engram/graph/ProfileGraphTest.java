package dev.engram.graph;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.Conversations;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Profile insights as facts of the user's graph, on the local stack through the API: a fact from the user's
 * {@code self} person with the messages that say it as evidence, closed when a newer insight supersedes it, following
 * its insight's correction and rejection, gone with the conversation that alone evidenced it, and nobody else's.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ProfileGraphTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    @Test
    void anInsightIsAFactOfTheSelfPersonWithItsMessagesAsEvidence() {
        String alice = Users.fresh("alice");
        String c = conversation(alice, "I always prefer meetings before 10am.",
                "Honestly, I always prefer meetings before 10am!");
        List<Map<String, Object>> messages = Api.as(alice).get("/api/v1/conversations/{id}/messages", c).jsonPath()
                .getList("messages");

        Response self = about(alice);
        assertThat(self.jsonPath().getString("entity.type")).isEqualTo("person");
        assertThat(self.jsonPath().getBoolean("entity.attributes.self")).isTrue();
        Map<String, Object> fact = self.jsonPath().getMap("facts.find { it.type == 'prefers' }");
        assertThat(fact).as(self.asString()).isNotNull().containsEntry("status", "active")
                .containsEntry("direction", "out").containsEntry("valid_to", null);
        assertThat((Map<String, Object>) fact.get("other")).containsEntry("type", "topic")
                .containsEntry("name", "meetings before 10am");
        List<Map<String, Object>> evidence = (List<Map<String, Object>>) fact.get("evidence");
        assertThat(evidence).extracting(e -> e.get("message_id"))
                .containsExactlyInAnyOrder(messages.get(0).get("id"), messages.get(2).get("id"));
        assertThat(evidence).allSatisfy(e -> assertThat(e).containsEntry("job_id", "chat:" + c));
        assertThat(evidence).filteredOn(e -> e.get("message_id").equals(messages.get(0).get("id"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("chunk_index", 1).containsEntry("char_start", 0)
                        .containsEntry("snippet", "I always prefer meetings before 10am."));

        // The new types are ones the API knows: walked by type, searched by type, listed when another is refused.
        String selfId = self.jsonPath().getString("entity.id");
        assertThat(Api.as(alice).get("/api/v1/graph/entities/{id}/neighbors?type=prefers", selfId).jsonPath()
                .getList("edges.id")).containsExactly(fact.get("id"));
        assertThat(Api.as(alice).queryParam("type", "topic").get("/api/v1/graph/entities").jsonPath()
                .getList("entities.name")).containsExactly("meetings before 10am");
        Response relation = Api.as(alice).get("/api/v1/graph/entities/{id}/neighbors?type=likes", selfId);
        assertThat(relation.statusCode()).isEqualTo(400);
        assertThat(relation.asString()).contains("prefers, interested_in, skilled_in, dislikes");
        Response entity = Api.as(alice).queryParam("type", "idea").get("/api/v1/graph/entities");
        assertThat(entity.statusCode()).isEqualTo(400);
        assertThat(entity.asString()).contains("task, topic");
    }

    @Test
    void aRelationshipInsightIsAKnowsFactToThePersonWithTheRole() {
        String alice = Users.fresh("alice");
        conversation(alice, "My manager Dana is great.");
        Map<String, Object> knows = about(alice).jsonPath().getMap("facts.find { it.type == 'knows' }");
        assertThat(knows).isNotNull().containsEntry("fact", "self knows Dana (manager)");
        assertThat((Map<String, Object>) knows.get("attributes")).containsEntry("role", "manager");
        assertThat((Map<String, Object>) knows.get("other")).containsEntry("type", "person")
                .containsEntry("name", "Dana");
    }

    @Test
    void aSupersedingInsightClosesTheOlderFactWhichStays() {
        String alice = Users.fresh("alice");
        String c = conversation(alice, "I love sushi.");
        String liked = (String) about(alice).jsonPath().getMap("facts.find { it.type == 'interested_in' }").get("id");
        say(alice, c, "I hate sushi.");
        Conversations.summarize(alice, c);

        Response self = about(alice);
        Map<String, Object> disliked = self.jsonPath().getMap("facts.find { it.type == 'dislikes' }");
        assertThat(disliked).as(self.asString()).isNotNull().containsEntry("status", "active");
        assertThat(self.jsonPath().getList("facts.type")).doesNotContain("interested_in");
        Response older = Api.as(alice).get("/api/v1/graph/relationships/{id}", liked);
        assertThat(older.statusCode()).as(older.asString()).isEqualTo(200);
        assertThat(older.<String>path("status")).isEqualTo("invalidated");
        assertThat(older.<String>path("valid_to")).isNotNull();
        assertThat(older.<String>path("superseded_by")).isEqualTo(disliked.get("id"));
        assertThat(older.<String>path("target.name")).isEqualTo("sushi");
        assertThat(self.jsonPath().getList("history.id")).contains(liked);
    }

    @Test
    void aRebuildStatesInsightsRecordedBeforeTheGraphHadThem() {
        String alice = Users.fresh("alice");
        String c = conversation(alice, "I love sushi.");
        say(alice, c, "I hate sushi.");
        Conversations.summarize(alice, c);
        // As before insights were facts: the profile has them, the graph has none of them.
        bridge.await(() -> pool.preparedQuery("DELETE FROM relationships WHERE user_id = $1").execute(Tuple.of(alice))
                .chain(() -> pool.preparedQuery("DELETE FROM entities WHERE user_id = $1").execute(Tuple.of(alice))));
        assertThat(Api.as(alice).queryParam("name", SelfFacts.SELF).get("/api/v1/graph/about").statusCode())
                .isEqualTo(404);

        for (int round = 0; round < 2; round++) {
            Response rebuilt = given().auth().oauth2(TestTokens.forUser(Users.fresh("ops"), "admin"))
                    .contentType(ContentType.JSON).body(Map.of("user_id", alice)).post("/api/v1/admin/graph/rebuild");
            assertThat(rebuilt.statusCode()).as(rebuilt.asString()).isEqualTo(202);
            assertThat(rebuilt.<Integer>path("insights_stated")).isEqualTo(2);
        }
        Response self = about(alice);
        Map<String, Object> disliked = self.jsonPath().getMap("facts.find { it.type == 'dislikes' }");
        assertThat(disliked).as(self.asString()).isNotNull();
        assertThat((List<Map<String, Object>>) disliked.get("evidence")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("job_id", "chat:" + c).containsEntry("chunk_index", 3)
                        .containsEntry("snippet", "I hate sushi."));
        assertThat(self.jsonPath().getList("facts.type")).containsExactly("dislikes");
        assertThat(self.jsonPath().getList("history")).singleElement().satisfies(h -> assertThat(
                (Map<String, Object>) h).containsEntry("type", "interested_in").containsEntry("status", "invalidated")
                .containsEntry("superseded_by", disliked.get("id")));
    }

    @Test
    void aCorrectionRestatesTheFactAndARejectionRejectsIt() {
        String alice = Users.fresh("alice");
        conversation(alice, "I'm good at Python.", "I love hiking.");
        Map<String, Object> skill = about(alice).jsonPath().getMap("facts.find { it.type == 'skilled_in' }");
        String python = (String) ((Map<String, Object>) skill.get("other")).get("id");
        Map<String, Object> interest = about(alice).jsonPath().getMap("facts.find { it.type == 'interested_in' }");
        List<Map<String, Object>> insights = Api.as(alice).get("/api/v1/profile").jsonPath()
                .getList("categories.skill");

        Response corrected = Api.as(alice).contentType(ContentType.JSON).body(Map.of("trait", "Python and Rust"))
                .patch("/api/v1/profile/insights/{id}", insights.get(0).get("id"));
        assertThat(corrected.statusCode()).as(corrected.asString()).isEqualTo(200);
        Response fact = Api.as(alice).get("/api/v1/graph/relationships/{id}", skill.get("id"));
        assertThat(fact.<String>path("type")).isEqualTo("skilled_in");
        assertThat(fact.<String>path("target.name")).isEqualTo("Python and Rust");
        assertThat(fact.jsonPath().getList("evidence.snippet")).contains("corrected by its owner: Python and Rust");
        // The topic the fact no longer points at rested on nothing else.
        assertThat(Api.as(alice).get("/api/v1/graph/entities/{id}", python).statusCode()).isEqualTo(404);

        String hiking = Api.as(alice).get("/api/v1/profile").jsonPath().getString("categories.interest[0].id");
        assertThat(Api.as(alice).delete("/api/v1/profile/insights/{id}", hiking).statusCode()).isEqualTo(204);
        Response rejected = Api.as(alice).get("/api/v1/graph/relationships/{id}", interest.get("id"));
        assertThat(rejected.<String>path("status")).isEqualTo("rejected");
        assertThat(about(alice).jsonPath().getList("facts.type")).containsExactly("skilled_in");
    }

    @Test
    void aDoubtedInsightsFactIsProposedUntilItsOwnerCorrectsIt() {
        String alice = Users.fresh("alice");
        String c = conversation(alice, "I love hiking.");
        String fact = (String) about(alice).jsonPath().getMap("facts.find { it.type == 'interested_in' }").get("id");
        String insight = Api.as(alice).get("/api/v1/profile").jsonPath().getString("categories.interest[0].id");
        Response twin = Api.as(alice).contentType(ContentType.JSON).body(Map.of("messages", List.of(Map.of("role",
                "twin", "content", "You enjoy hiking, so here is a trail.", "metadata", Map.of("sources",
                List.of(insight)))))).post("/api/v1/conversations/{id}/messages", c);
        assertThat(twin.statusCode()).as(twin.asString()).isEqualTo(201);
        Response incorrect = Api.as(alice).contentType(ContentType.JSON).body(Map.of("reaction_type", "incorrect"))
                .post("/api/v1/messages/{id}/feedback", twin.<String>path("messages[0].id"));
        assertThat(incorrect.statusCode()).as(incorrect.asString()).isEqualTo(201);

        Response doubted = Await.until("the fact to be proposed", TIMEOUT,
                () -> Api.as(alice).get("/api/v1/graph/relationships/{id}", fact),
                r -> "proposed".equals(r.path("status")));
        assertThat(doubted.jsonPath().getDouble("confidence")).isLessThan(0.6);

        Response corrected = Api.as(alice).contentType(ContentType.JSON).body(Map.of("confidence", 0.9))
                .patch("/api/v1/profile/insights/{id}", insight);
        assertThat(corrected.statusCode()).as(corrected.asString()).isEqualTo(200);
        Response held = Api.as(alice).get("/api/v1/graph/relationships/{id}", fact);
        assertThat(held.<String>path("status")).isEqualTo("active");
        assertThat(held.jsonPath().getDouble("confidence")).isGreaterThan(0.89);
    }

    @Test
    void deletingAConversationTakesItsEvidenceAndLeavesNoOrphans() {
        String alice = Users.fresh("alice");
        String chess = conversation(alice, "I love chess.");
        String tea = conversation(alice, "I prefer green tea.");
        Response self = about(alice);
        String selfId = self.jsonPath().getString("entity.id");
        Map<String, Object> chessFact = self.jsonPath().getMap("facts.find { it.type == 'interested_in' }");
        Map<String, Object> teaFact = self.jsonPath().getMap("facts.find { it.type == 'prefers' }");
        String chessTopic = (String) ((Map<String, Object>) chessFact.get("other")).get("id");
        String teaTopic = (String) ((Map<String, Object>) teaFact.get("other")).get("id");

        assertThat(Api.as(alice).delete("/api/v1/conversations/{id}", chess).statusCode()).isEqualTo(204);
        assertThat(Api.as(alice).get("/api/v1/graph/relationships/{id}", chessFact.get("id")).statusCode())
                .isEqualTo(404);
        assertThat(Api.as(alice).get("/api/v1/graph/entities/{id}", chessTopic).statusCode()).isEqualTo(404);
        assertThat(Api.as(alice).get("/api/v1/graph/relationships/{id}", teaFact.get("id")).statusCode())
                .isEqualTo(200);
        assertThat(Api.as(alice).get("/api/v1/graph/entities/{id}", selfId).statusCode()).isEqualTo(200);

        assertThat(Api.as(alice).delete("/api/v1/conversations/{id}", tea).statusCode()).isEqualTo(204);
        for (String entity : List.of(selfId, teaTopic)) {
            assertThat(Api.as(alice).get("/api/v1/graph/entities/{id}", entity).statusCode()).isEqualTo(404);
        }
        assertThat(Api.as(alice).get("/api/v1/graph/relationships/{id}", teaFact.get("id")).statusCode())
                .isEqualTo(404);
        assertThat(Api.as(alice).queryParam("type", "topic").get("/api/v1/graph/entities").jsonPath()
                .getList("entities")).isEmpty();
    }

    @Test
    void anotherUserSeesNoneOfIt() {
        String alice = Users.fresh("alice");
        String c = conversation(alice, "I prefer email for updates.");
        Response self = about(alice);
        Map<String, Object> fact = self.jsonPath().getMap("facts.find { it.type == 'prefers' }");
        String topic = (String) ((Map<String, Object>) fact.get("other")).get("id");

        String bob = Users.fresh("bob");
        assertThat(Api.as(bob).get("/api/v1/graph/entities/{id}", self.jsonPath().getString("entity.id"))
                .statusCode()).isEqualTo(404);
        assertThat(Api.as(bob).get("/api/v1/graph/entities/{id}", topic).statusCode()).isEqualTo(404);
        assertThat(Api.as(bob).get("/api/v1/graph/relationships/{id}", fact.get("id")).statusCode()).isEqualTo(404);
        assertThat(Api.as(bob).queryParam("name", "self").get("/api/v1/graph/about").statusCode()).isEqualTo(404);
        assertThat(Api.as(bob).queryParam("q", "email").get("/api/v1/graph/entities").jsonPath()
                .getList("entities")).isEmpty();
        assertThat(Api.as(bob).delete("/api/v1/conversations/{id}", c).statusCode()).isEqualTo(404);
        assertThat(Api.as(alice).get("/api/v1/graph/relationships/{id}", fact.get("id")).statusCode())
                .isEqualTo(200);
    }

    private static Response about(String user) {
        Response r = Api.as(user).queryParam("name", SelfFacts.SELF).get("/api/v1/graph/about");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r;
    }

    /** A new conversation in which the user says each of {@code texts} (the twin answering each), summarized. */
    private static String conversation(String user, String... texts) {
        String c = Conversations.open(user);
        for (String text : texts) {
            say(user, c, text);
        }
        Conversations.summarize(user, c);
        return c;
    }

    /** The user's message and the twin's answer (seqs n and n+1). */
    private static void say(String user, String c, String text) {
        Response r = Api.as(user).contentType(ContentType.JSON).body(Map.of("messages", List.of(
                Map.of("role", "user", "content", text), Map.of("role", "twin", "content", "Noted."))))
                .post("/api/v1/conversations/{id}/messages", c);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
    }
}
