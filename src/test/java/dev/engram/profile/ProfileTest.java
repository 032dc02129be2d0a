package dev.engram.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.testing.Api;
import dev.engram.testing.Conversations;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The profile on the local stack: insights from the user's own messages, merged, superseded, corrected, rejected. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ProfileTest {

    @Inject
    ProfileInsights insights;
    @Inject
    ReactiveBridge bridge;
    @Inject
    Pool pool;

    @Test
    void preferenceComesFromTheUsersMessageWithItsEvidenceAndNotFromTheTwin() {
        String alice = Users.fresh("alice");
        String c = Conversations.open(alice);
        say(alice, c, "user", "Sarah will send budget draft 1 by Friday.", "twin", "Noted.");
        say(alice, c, "user", "Sarah will send budget draft 2 by Friday.", "twin", "Noted.");
        say(alice, c, "user", "I always prefer meetings before 10am.", "twin", "Noted.");
        // What the twin says about the user is not the user's word.
        say(alice, c, "user", "Can you check my calendar?", "twin", "You told me I love hiking. I enjoy chess.");
        Conversations.summarize(alice, c);

        Map<String, Object> preference = single(alice, "preference");
        assertThat(preference).containsEntry("trait", "meetings before 10am").containsEntry("subcategory",
                "scheduling").containsEntry("status", "active").containsEntry("source", "chat_inference");
        assertThat(((Number) preference.get("confidence")).doubleValue()).isCloseTo(0.85, within(0.001));
        assertThat((List<Map<String, Object>>) preference.get("evidence")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("seq", 5).containsEntry("conversation_id", c).containsEntry("kind", "support")
                    .containsEntry("supporting_text", "I always prefer meetings before 10am.");
        });
        assertThat(profile(alice, "").<Map<String, Object>>path("categories")).containsOnlyKeys("preference");
    }

    @Test
    void sameTraitTwiceIsOneInsightWithTwoPiecesOfEvidence() {
        String alice = Users.fresh("alice");
        String c = Conversations.open(alice);
        say(alice, c, "user", "I prefer email for updates.", "twin", "Noted.");
        say(alice, c, "user", "Honestly, I always prefer email for updates!", "twin", "Got it.");
        Conversations.summarize(alice, c);
        Map<String, Object> preference = single(alice, "preference");
        assertThat(preference).containsEntry("subcategory", "communication");
        assertThat((List<?>) preference.get("evidence")).hasSize(2);
    }

    @Test
    void dislikeSupersedesTheLikeOfTheSameThingWhichStaysInTheHistory() {
        String alice = Users.fresh("alice");
        String c = Conversations.open(alice);
        say(alice, c, "user", "I love sushi.", "twin", "Noted.");
        Conversations.summarize(alice, c);
        String interest = (String) single(alice, "interest").get("id");
        say(alice, c, "user", "I hate sushi.", "twin", "Noted.");
        Conversations.summarize(alice, c);

        Map<String, Object> dislike = single(alice, "dislike");
        assertThat(dislike).containsEntry("trait", "sushi").containsEntry("status", "active");
        assertThat(profile(alice, "").<Map<String, Object>>path("categories")).doesNotContainKey("interest");
        Response history = profile(alice, "?include=history");
        List<Map<String, Object>> interests = history.jsonPath().getList("categories.interest");
        assertThat(interests).singleElement().satisfies(i -> {
            assertThat(i).containsEntry("id", interest).containsEntry("status", "superseded")
                    .containsEntry("superseded_by", dislike.get("id"));
            assertThat(i.get("valid_to")).isNotNull();
            assertThat((List<Map<String, Object>>) i.get("evidence")).extracting(e -> e.get("kind"))
                    .containsExactly("support", "contradiction");
        });
    }

    @Test
    void newSchedulingValueSupersedesTheOldOne() {
        String alice = Users.fresh("alice");
        String c = Conversations.open(alice);
        say(alice, c, "user", "I prefer meetings before 10am.", "twin", "Noted.");
        say(alice, c, "user", "Actually I prefer meetings after 2pm.", "twin", "Noted.");
        Conversations.summarize(alice, c);
        assertThat(single(alice, "preference")).containsEntry("trait", "meetings after 2pm");
        assertThat(profile(alice, "?include=history").jsonPath().<Map<String, Object>>getList("categories.preference"))
                .extracting(i -> i.get("status")).containsExactlyInAnyOrder("active", "superseded");
    }

    @Test
    void hedgedQuestionsConditionalsAndOthersYieldNothing() {
        String alice = Users.fresh("alice");
        String c = Conversations.open(alice);
        say(alice, c, "user", "Maybe I think I like tea.", "user", "Do I prefer mornings?");
        say(alice, c, "user", "If I prefer remote work, tell me.", "user", "My sister prefers coffee.");
        Conversations.summarize(alice, c);
        assertThat(profile(alice, "").<Map<String, Object>>path("categories")).isEmpty();
    }

    @Test
    void ownerCorrectsAnInsightAndRejectsOneWhichIsNotReadAgainFromTheSameMessage() {
        String alice = Users.fresh("alice");
        String c = Conversations.open(alice);
        say(alice, c, "user", "I'm good at Python.", "user", "I love hiking.");
        Conversations.summarize(alice, c);
        String skill = (String) single(alice, "skill").get("id");
        String interest = (String) single(alice, "interest").get("id");

        Response corrected = Api.as(alice).contentType(ContentType.JSON).body(Map.of("trait", "Python and Rust"))
                .patch("/api/v1/profile/insights/{id}", skill);
        assertThat(corrected.statusCode()).as(corrected.asString()).isEqualTo(200);
        assertThat(corrected.<String>path("source")).isEqualTo("manual");
        assertThat(corrected.<String>path("trait")).isEqualTo("Python and Rust");
        assertThat(corrected.<String>path("subcategory")).isEqualTo("tools");

        Response bad = Api.as(alice).contentType(ContentType.JSON)
                .body(Map.of("category", "hobby", "confidence", 2, "status", "active"))
                .patch("/api/v1/profile/insights/{id}", skill);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.asString()).contains("category:", "confidence:", "status:");

        assertThat(Api.as(alice).delete("/api/v1/profile/insights/{id}", interest).statusCode()).isEqualTo(204);
        assertThat(profile(alice, "").<Map<String, Object>>path("categories")).doesNotContainKey("interest");
        // The same message read again (a redelivered window) does not bring the rejected insight back.
        Map<String, Object> hiking = Api.as(alice).get("/api/v1/conversations/{id}/messages", c).jsonPath()
                .getMap("messages[1]");
        UserStatement again = new UserStatement(UUID.fromString((String) hiking.get("id")), UUID.fromString(c), 2,
                "I love hiking.", OffsetDateTime.now());
        bridge.await(() -> pool.withTransaction(db -> insights.record(db, alice, insights.read(List.of(again)))));
        assertThat(profile(alice, "").<Map<String, Object>>path("categories")).doesNotContainKey("interest");
        assertThat(Api.as(alice).delete("/api/v1/profile/insights/{id}", interest).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherUserSeesAnEmptyProfileAndNoneOfTheInsights() {
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        String c = Conversations.open(alice);
        say(alice, c, "user", "I'm interested in astronomy.", "twin", "Noted.");
        Conversations.summarize(alice, c);
        String id = (String) single(alice, "interest").get("id");
        assertThat(profile(bob, "").<Map<String, Object>>path("categories")).isEmpty();
        assertThat(Api.as(bob).contentType(ContentType.JSON).body(Map.of("trait", "x"))
                .patch("/api/v1/profile/insights/{id}", id).statusCode()).isEqualTo(404);
        assertThat(Api.as(bob).delete("/api/v1/profile/insights/{id}", id).statusCode()).isEqualTo(404);
        assertThat(Api.as(bob).delete("/api/v1/profile/insights/{id}", "nope").statusCode()).isEqualTo(404);
        assertThat(Api.as(alice).get("/api/v1/profile?min_confidence=abc&category=hobby&include=all").asString())
                .contains("min_confidence:", "category:", "include:");
    }

    @Test
    void deletingTheConversationDeletesTheInsightsOnlyItEvidenced() {
        String alice = Users.fresh("alice");
        String first = Conversations.open(alice);
        String second = Conversations.open(alice);
        say(alice, first, "user", "I enjoy chess.", "user", "I prefer tea with breakfast.");
        say(alice, second, "user", "I always prefer tea with breakfast.", "twin", "Noted.");
        Conversations.summarize(alice, first);
        Conversations.summarize(alice, second);
        assertThat(Api.as(alice).delete("/api/v1/conversations/{id}", first).statusCode()).isEqualTo(204);
        Map<String, Object> categories = profile(alice, "").path("categories");
        assertThat(categories).containsOnlyKeys("preference");
        assertThat((List<Map<String, Object>>) single(alice, "preference").get("evidence")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("conversation_id", second));
    }

    private static void say(String user, String c, String role1, String text1, String role2, String text2) {
        Response r = Api.as(user).contentType(ContentType.JSON).body(Map.of("messages", List.of(
                Map.of("role", role1, "content", text1), Map.of("role", role2, "content", text2))))
                .post("/api/v1/conversations/{id}/messages", c);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
    }

    private static Response profile(String user, String query) {
        Response r = Api.as(user).get("/api/v1/profile" + query);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r;
    }

    private static Map<String, Object> single(String user, String category) {
        List<Map<String, Object>> of = profile(user, "").jsonPath().getList("categories." + category);
        assertThat(of).as(category + " insights").hasSize(1);
        return of.get(0);
    }
}
