package dev.engram.chat;

import static dev.engram.chat.Chat.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The conversation API: its happy path, every refusal naming its field, archived conversations, tenancy. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ConversationApiTest {

    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    @Test
    void conversationIsOpenedListedChangedAndDeletedWithItsMessages() {
        String alice = Users.fresh("alice");
        Response created = Api.as(alice).contentType(ContentType.JSON)
                .body(Map.of("title", "Budget", "context", Map.of("project", "apollo"), "auto_save", false))
                .post("/api/v1/conversations");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.path("id");
        assertThat(created.<String>path("status")).isEqualTo("active");
        assertThat(created.<String>path("context.project")).isEqualTo("apollo");
        String second = Chat.open(alice);

        Response list = Api.as(alice).get("/api/v1/conversations?limit=1");
        assertThat(list.jsonPath().getList("conversations.id")).containsExactly(second);
        Response next = Api.as(alice).get("/api/v1/conversations?limit=1&cursor=" + list.path("next_cursor"));
        assertThat(next.jsonPath().getList("conversations.id")).containsExactly(id);

        Response patched = Api.as(alice).contentType(ContentType.JSON)
                .body(Map.of("title", "Budget 2025", "status", "archived")).patch("/api/v1/conversations/{id}", id);
        assertThat(patched.statusCode()).as(patched.asString()).isEqualTo(200);
        assertThat(patched.<String>path("title")).isEqualTo("Budget 2025");
        assertThat(Api.as(alice).get("/api/v1/conversations?status=archived").jsonPath()
                .getList("conversations.id")).containsExactly(id);
        assertThat(Api.as(alice).get("/api/v1/conversations?status=active").jsonPath()
                .getList("conversations.id")).containsExactly(second);

        Response posted = Chat.post(alice, second, List.of(message("user", "hello"), message("assistant", "Hi!")));
        assertThat(posted.statusCode()).as(posted.asString()).isEqualTo(201);
        assertThat(posted.jsonPath().getList("messages.seq")).containsExactly(1, 2);
        assertThat(Api.as(alice).delete("/api/v1/conversations/{id}", second).statusCode()).isEqualTo(204);
        assertThat(Api.as(alice).get("/api/v1/conversations/{id}", second).statusCode()).isEqualTo(404);
        assertThat(Chat.messages(alice, second).statusCode()).isEqualTo(404);
    }

    @Test
    void messagesGetGaplessSeqsAndCurrentIsTheNewestActiveConversation() {
        String alice = Users.fresh("alice");
        Response first = Chat.post(alice, "current", List.of(message("user", "hello"), message("twin", "Hi.")));
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        String conversation = first.path("conversation_id");
        Response second = Chat.post(alice, "current", List.of(message("system", "Context loaded."),
                message("user", "ok")));
        assertThat(second.<String>path("conversation_id")).isEqualTo(conversation);
        assertThat(second.jsonPath().getList("messages.seq")).containsExactly(3, 4);
        assertThat(second.jsonPath().getList("messages.processing")).containsOnly("pending");

        Response page = Api.as(alice).get("/api/v1/conversations/{id}/messages?after_seq=1&limit=2", conversation);
        assertThat(page.jsonPath().getList("messages.seq")).containsExactly(2, 3);
        assertThat(page.jsonPath().getList("messages.role")).containsExactly("twin", "system");
        assertThat(page.<Integer>path("next_after_seq")).isEqualTo(3);
        assertThat(Api.as(alice).get("/api/v1/conversations/{id}", conversation).<Integer>path("message_count"))
                .isEqualTo(4);
    }

    @Test
    void currentOpensANewConversationAfterAWeekOfSilence() {
        String alice = Users.fresh("alice");
        String old = Chat.post(alice, "current", List.of(message("user", "hello"))).path("conversation_id");
        bridge.await(() -> pool.preparedQuery("UPDATE conversations SET created_at = now() - interval '8 days', "
                + "last_message_at = now() - interval '7 days 1 minute' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(old))));

        Response next = Chat.post(alice, "current", List.of(message("user", "back again")));

        assertThat(next.<String>path("conversation_id")).isNotEqualTo(old);
        assertThat(next.jsonPath().getList("messages.seq")).containsExactly(1);
        assertThat(Api.as(alice).get("/api/v1/conversations").jsonPath().getList("conversations.id"))
                .containsExactly(next.path("conversation_id"), old);
    }

    @Test
    void everyInvalidFieldIsRefusedWith400NamingIt() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        Instant now = Instant.now();
        Map<String, List<Map<String, Object>>> cases = new HashMap<>();
        cases.put("messages[0].content", List.of(message("user", "")));
        cases.put("messages[0].content:", List.of(message("user", "x".repeat(20_001))));
        cases.put("messages[0].role", List.of(message("robot", "hi there")));
        cases.put("messages[0].created_at", List.of(Map.of("role", "user", "content", "later",
                "created_at", now.plus(1, ChronoUnit.DAYS).toString())));
        cases.put("messages[1].created_at", List.of(
                Map.of("role", "user", "content", "a", "created_at", now.toString()),
                Map.of("role", "user", "content", "b", "created_at", now.minusSeconds(60).toString())));
        cases.put("messages[0].metadata", List.of(Map.of("role", "user", "content", "a", "metadata", List.of(1))));
        cases.put("messages[0].metadata:", List.of(Map.of("role", "user", "content", "a",
                "metadata", Map.of("blob", "x".repeat(17_000)))));
        cases.put("messages:", List.of());
        cases.put("messages: 101", IntStream.range(0, 101).mapToObj(i -> message("user", "m" + i)).toList());
        for (var entry : cases.entrySet()) {
            Response r = Chat.post(alice, c, entry.getValue());
            String field = entry.getKey().replaceAll(":.*$", "");
            assertThat(r.statusCode()).as(entry.getKey() + ": " + r.asString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.<String>path("detail")).as(entry.getKey()).contains(field + ":");
        }
        Response created = Api.as(alice).contentType(ContentType.JSON)
                .body(Map.of("title", "t".repeat(256), "context", List.of("not", "an", "object")))
                .post("/api/v1/conversations");
        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(created.<String>path("detail")).contains("title:", "context:");
        Response big = Api.as(alice).contentType(ContentType.JSON)
                .body(Map.of("context", Map.of("blob", "x".repeat(17_000)))).post("/api/v1/conversations");
        assertThat(big.<String>path("detail")).contains("context:");
        Response patch = Api.as(alice).contentType(ContentType.JSON).body(Map.of("status", "closed"))
                .patch("/api/v1/conversations/{id}", c);
        assertThat(patch.statusCode()).isEqualTo(400);
        assertThat(patch.<String>path("detail")).contains("status:");

        // A created_at before the conversation's last stored message is refused too.
        assertThat(Chat.post(alice, c, List.of(Map.of("role", "user", "content", "now",
                "created_at", now.toString()))).statusCode()).isEqualTo(201);
        Response earlier = Chat.post(alice, c, List.of(Map.of("role", "user", "content", "before",
                "created_at", now.minusSeconds(3600).toString())));
        assertThat(earlier.statusCode()).isEqualTo(400);
        assertThat(earlier.<String>path("detail")).contains("messages[0].created_at:");
    }

    @Test
    void archivedConversationRefusesMessagesUntilItIsActiveAgain() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        Api.as(alice).contentType(ContentType.JSON).body(Map.of("status", "archived"))
                .patch("/api/v1/conversations/{id}", c);
        Response refused = Chat.post(alice, c, List.of(message("user", "still there?")));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("detail")).isEqualTo("archived; PATCH status active");
        Api.as(alice).contentType(ContentType.JSON).body(Map.of("status", "active"))
                .patch("/api/v1/conversations/{id}", c);
        assertThat(Chat.post(alice, c, List.of(message("user", "still there?"))).statusCode()).isEqualTo(201);
    }

    @Test
    void repeatedClientMessageIdGetsTheFirstAnswerAndOtherContentIsAConflict() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        List<Map<String, Object>> request = List.of(
                Map.of("role", "user", "content", "Sarah will send the budget draft by Friday.",
                        "client_message_id", "m-1"),
                Map.of("role", "twin", "content", "Noted.", "client_message_id", "m-2"));
        Response first = Chat.post(alice, c, request);
        Response again = Chat.post(alice, c, request);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.jsonPath().getList("messages.id")).isEqualTo(first.jsonPath().getList("messages.id"));
        assertThat(again.<String>path("task_id")).isEqualTo(first.path("task_id"));
        assertThat(Api.as(alice).get("/api/v1/conversations/{id}", c).<Integer>path("message_count")).isEqualTo(2);

        Response other = Chat.post(alice, c, List.of(Map.of("role", "user", "content", "Something else.",
                "client_message_id", "m-1")));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.contentType()).startsWith("application/problem+json");
    }

    @Test
    void bobGets404OnAlicesConversationAndMessages() {
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        String c = Chat.open(alice);
        Chat.post(alice, c, List.of(message("user", "My manager Dana wants the report by Monday.")));
        List<Response> answers = List.of(
                Api.as(bob).get("/api/v1/conversations/{id}", c),
                Api.as(bob).contentType(ContentType.JSON).body(Map.of("title", "mine"))
                        .patch("/api/v1/conversations/{id}", c),
                Api.as(bob).delete("/api/v1/conversations/{id}", c),
                Chat.post(bob, c, List.of(message("user", "hello"))),
                Chat.messages(bob, c));
        for (Response answer : answers) {
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(Api.as(bob).get("/api/v1/conversations").jsonPath().getList("conversations")).isEmpty();
        assertThat(Chat.messages(alice, c).jsonPath().getList("messages")).hasSize(1);
        assertThat(Api.as(alice).get("/api/v1/conversations/{id}", c).<String>path("title")).isNull();
    }
}
