package dev.engram.chat;

import static dev.engram.chat.Chat.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.extract.llm.FakeOpenAi;
import dev.engram.extract.llm.InjectFakeOpenAi;
import dev.engram.extract.llm.OpenAiTestProfile;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Conversation summaries and profile insights through the {@code openai} providers, against a fake OpenAI-compatible
 * server.
 */
@QuarkusTest
@TestProfile(OpenAiTestProfile.class)
@QuarkusTestResource(TestTokens.class)
class OpenAiSummaryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @InjectFakeOpenAi
    FakeOpenAi fake;

    @Test
    void theModelsSummaryIsTheVersionAndDecisionsCitingMessagesOutsideTheWindowAreDropped() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        String key = "s" + UUID.randomUUID().toString().replace("-", "");
        Chat.post(alice, c, List.of(message("user", "I will send the budget draft to Sarah by Friday."),
                // The script marker sits in the twin's reply, which nothing is extracted from.
                message("twin", "Noted. [[" + key + ":ok]]"),
                message("user", "The review of the budget is on Monday morning.")));

        Map<String, Object> version = summarized(alice, c);
        assertThat(version).containsEntry("from_seq", 1).containsEntry("to_seq", 3)
                .containsEntry("content", "The user said: I will send the budget draft to Sarah by Friday.");
        Map<String, Object> structured = (Map<String, Object>) version.get("structured");
        assertThat((List<Map<String, Object>>) structured.get("decisions")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("seq", 1)
                        .containsEntry("text", "I will send the budget draft to Sarah by Friday."));
        assertThat(Api.as(alice).get("/api/v1/conversations/{id}", c).<String>path("title")).isEqualTo("Fake summary");

        String body = fake.chatBodiesWith(key).get(0);
        assertThat(body).contains("json_schema").contains("[seq 1][USER]: I will send the budget draft")
                .contains("[seq 2][TWIN]: Noted.");
    }

    @Test
    void anAnswerWithoutASummaryIsAskedForAgainWithTheProblemSpelledOut() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        String key = "s" + UUID.randomUUID().toString().replace("-", "");
        Chat.post(alice, c, List.of(message("user", "I will book the venue for the offsite."),
                message("twin", "Done. [[" + key + ":nosummary]]")));

        Map<String, Object> version = summarized(alice, c);
        assertThat(version.get("content")).isEqualTo("The user said: I will book the venue for the offsite.");
        List<String> bodies = fake.chatBodiesWith(key);
        assertThat(bodies.get(0)).doesNotContain("Your previous answer was rejected");
        assertThat(bodies.get(bodies.size() - 1))
                .contains("Your previous answer was rejected: summary is missing or empty");
    }

    @Test
    void insightsComeFromTheUsersOwnWordsOnlyAndSureEnough() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        Chat.post(alice, c, List.of(message("user", "Sarah will send the budget draft by Friday."),
                message("twin", "Noted."),
                message("user", "For the record, I prefer meetings before 10am."),
                message("twin", "You prefer long lunches.")));
        summarized(alice, c);

        // The model's answer also held a trait quoting the twin's "Noted." and one at confidence 0.4: both dropped.
        Map<String, Object> categories = Api.as(alice).get("/api/v1/profile").path("categories");
        assertThat(categories).containsOnlyKeys("preference");
        List<Map<String, Object>> preferences = (List<Map<String, Object>>) categories.get("preference");
        assertThat(preferences).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("trait", "meetings before 10am").containsEntry("subcategory", "scheduling")
                    .containsEntry("source", "chat_inference");
            // The model said 0.9; an inferred trait claims at most what the rules' surest does.
            assertThat(((Number) p.get("confidence")).doubleValue()).isCloseTo(0.85, within(0.001));
            assertThat((List<Map<String, Object>>) p.get("evidence")).singleElement().satisfies(e -> assertThat(e)
                    .containsEntry("seq", 3).containsEntry("supporting_text", "I prefer meetings before 10am"));
        });
        // Only the user's messages reached the model.
        String body = fake.chatBodiesWith("learn a person's profile").stream()
                .filter(b -> b.contains("meetings before 10am")).findFirst().orElseThrow();
        assertThat(body).doesNotContain("long lunches").doesNotContain("Noted.");
    }

    /** Asks for a summary up to the last message and returns the version once its job has finished. */
    private static Map<String, Object> summarized(String user, String conversation) {
        Response asked = Api.as(user).post("/api/v1/conversations/{id}/summarize", conversation);
        assertThat(asked.statusCode()).as(asked.asString()).isEqualTo(202);
        Response done = Api.awaitFinished(user, asked.path("task_id"), TIMEOUT);
        assertThat(done.<String>path("state")).as(done.asString()).isEqualTo("completed");
        List<Map<String, Object>> versions = Api.as(user).get("/api/v1/conversations/{id}/summaries", conversation)
                .jsonPath().getList("summaries");
        assertThat(versions).hasSize(1);
        return versions.get(0);
    }
}
