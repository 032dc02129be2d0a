package dev.engram.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on {@code POST /api/v1/conversations/{id}/messages}. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class MessageIdempotencyKeyTest {

    private static final List<Map<String, Object>> MESSAGES = List.of(
            Chat.message("user", "Decided to renew the office lease for two more years."),
            Chat.message("twin", "Noted: the lease is renewed until 2028."));

    @Test
    void aRepeatGetsTheFirstAnswerAnotherBodyIsAConflictAndKeysArePerUser() {
        String alice = Users.fresh("alice");
        String key = "lease-" + UUID.randomUUID();

        JsonPath first = post(alice, key, MESSAGES).then().statusCode(201).extract().jsonPath();
        JsonPath repeat = post(alice, key, MESSAGES).then().statusCode(201).extract().jsonPath();
        String conversation = first.getString("conversation_id");
        assertThat(repeat.getString("conversation_id")).isEqualTo(conversation);
        assertThat(repeat.getString("task_id")).isNotNull().isEqualTo(first.getString("task_id"));
        assertThat(repeat.getList("messages.id")).isEqualTo(first.getList("messages.id"));
        assertThat(repeat.getList("messages.seq")).isEqualTo(List.of(1, 2));
        assertThat(Chat.messages(alice, conversation).jsonPath().getList("messages")).as("no new rows").hasSize(2);

        Response other = post(alice, key, List.of(Chat.message("user", "Decided to cancel the office lease.")));
        other.then().statusCode(409).contentType("application/problem+json");
        assertThat(Chat.messages(alice, conversation).jsonPath().getList("messages")).hasSize(2);

        String bob = Users.fresh("bob");
        JsonPath bobs = post(bob, key, MESSAGES).then().statusCode(201).extract().jsonPath();
        assertThat(bobs.getString("conversation_id")).isNotEqualTo(conversation);
        assertThat(bobs.getList("messages.id")).doesNotContainAnyElementsOf(first.getList("messages.id"));
    }

    private static Response post(String user, String key, List<Map<String, Object>> messages) {
        return Api.as(user).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("messages", messages)).post("/api/v1/conversations/current/messages");
    }
}
