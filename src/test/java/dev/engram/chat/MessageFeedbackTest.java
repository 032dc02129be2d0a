package dev.engram.chat;

import static dev.engram.chat.Chat.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Feedback on twin messages moves the insights they cite, once; comments are read as the user's own words. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class MessageFeedbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    FeedbackStage stage;

    @Test
    void reactionsMoveTheCitedInsightOnceAndIncorrectOnesSendItToReview() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        Chat.post(alice, c, List.of(message("user", "I love hiking."), message("twin", "Noted.")));
        Response asked = Api.as(alice).post("/api/v1/conversations/{id}/summarize", c);
        Api.awaitFinished(alice, asked.path("task_id"), TIMEOUT);
        String insight = Api.as(alice).get("/api/v1/profile").path("categories.interest[0].id");
        assertThat(insight).isNotNull();

        String first = twinCiting(alice, c, insight);
        Response given = feedback(alice, first, Map.of("reaction_type", "helpful"));
        assertThat(given.statusCode()).as(given.asString()).isEqualTo(201);
        assertThat(given.<String>path("reaction_type")).isEqualTo("helpful");
        awaitConfidence(alice, insight, 0.80);
        // Redelivered: applied already, nothing moves.
        assertThat(stage.apply(FeedbackAdded.of(UUID.fromString(given.path("id")), alice))).isFalse();
        assertThat(confidence(alice, insight)).isCloseTo(0.80, within(0.001));
        List<Map<String, Object>> evidence = Api.as(alice).get("/api/v1/profile").jsonPath()
                .getList("categories.interest[0].evidence");
        assertThat(evidence).anySatisfy(e -> assertThat(e).containsEntry("kind", "feedback")
                .containsEntry("message_id", first).containsEntry("supporting_text", "helpful"));

        assertThat(feedback(alice, twinCiting(alice, c, insight), Map.of("reaction_type", "incorrect"))
                .statusCode()).isEqualTo(201);
        awaitConfidence(alice, insight, 0.60);
        assertThat(feedback(alice, twinCiting(alice, c, insight), Map.of("reaction_type", "incorrect"))
                .statusCode()).isEqualTo(201);
        // Under 0.6 the insight waits for review and leaves the profile.
        Await.until("the insight to leave the profile", TIMEOUT,
                () -> Api.as(alice).get("/api/v1/profile").<Map<String, Object>>path("categories"),
                categories -> !categories.containsKey("interest"));

        assertThat(Api.as(alice).get("/api/v1/messages/{id}/feedback", first).jsonPath()
                .<Map<String, Object>>getList("feedback")).singleElement()
                .satisfies(f -> assertThat(f.get("applied_at")).isNotNull());
    }

    @Test
    void aCommentIsReadAsTheUsersOwnWords() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        String twin = Chat.post(alice, c, List.of(message("twin", "You like coffee in the morning."))).path(
                "messages[0].id");
        assertThat(feedback(alice, twin, Map.of("reaction_type", "incorrect",
                "comment", "I prefer tea in the morning.")).statusCode()).isEqualTo(201);
        Map<String, Object> preference = Await.until("the preference from the comment", TIMEOUT,
                () -> Api.as(alice).get("/api/v1/profile").jsonPath().<String, Object>getMap(
                        "categories.preference[0]"),
                p -> p != null);
        assertThat(preference).containsEntry("source", "feedback").containsEntry("trait", "tea in the morning");
    }

    @Test
    void badFeedbackNamesItsFieldsAndAnotherUsersMessageIsNotFound() {
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        String c = Chat.open(alice);
        String twin = Chat.post(alice, c, List.of(message("twin", "Noted."))).path("messages[0].id");
        Response bad = feedback(alice, twin, Map.of("reaction_type", "love", "comment", "x".repeat(2_001)));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.asString()).contains("reaction_type:", "comment:");
        assertThat(feedback(bob, twin, Map.of("reaction_type", "helpful")).statusCode()).isEqualTo(404);
        assertThat(Api.as(bob).get("/api/v1/messages/{id}/feedback", twin).statusCode()).isEqualTo(404);
        assertThat(Api.as(alice).get("/api/v1/messages/{id}/feedback", "nope").statusCode()).isEqualTo(404);
        assertThat(Api.as(alice).get("/api/v1/messages/{id}/feedback", twin).jsonPath().getList("feedback"))
                .isEmpty();
    }

    @Test
    void sourcesAreInsightIdsOrObjectsCarryingOne() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var metadata = json.createObjectNode();
        var sources = metadata.putArray("sources");
        sources.add(a.toString()).add("not-an-id").add(a.toString());
        sources.addObject().put("insight_id", b.toString());
        sources.addObject().put("url", "https://example.org");
        assertThat(FeedbackStage.sources(metadata)).containsExactly(a, b);
        assertThat(FeedbackStage.sources(json.createObjectNode())).isEmpty();
        assertThat(FeedbackStage.sources(null)).isEmpty();
    }

    private static String twinCiting(String user, String c, String insight) {
        Response r = Chat.post(user, c, List.of(Map.of("role", "twin", "content",
                "You enjoy hiking, so here is a trail.", "metadata", Map.of("sources", List.of(insight)))));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        return r.path("messages[0].id");
    }

    private static Response feedback(String user, String message, Map<String, Object> body) {
        return Api.as(user).contentType(ContentType.JSON).body(body).post("/api/v1/messages/{id}/feedback", message);
    }

    private static double confidence(String user, String insight) {
        List<Map<String, Object>> all = Api.as(user).get("/api/v1/profile?min_confidence=0").jsonPath()
                .getList("categories.interest");
        return all == null ? -1 : all.stream().filter(i -> insight.equals(i.get("id")))
                .mapToDouble(i -> ((Number) i.get("confidence")).doubleValue()).findFirst().orElse(-1);
    }

    private static void awaitConfidence(String user, String insight, double expected) {
        Await.until("confidence " + expected, TIMEOUT, () -> confidence(user, insight),
                c -> Math.abs(c - expected) < 0.001);
    }
}
