package dev.engram.chat;

import static dev.engram.chat.Chat.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the graph learns from a conversation points at the chat message that says it. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ChatGraphEvidenceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Test
    void graphEvidenceOfAChatMessageNamesTheMessage() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        String taskId = Chat.post(alice, c, List.of(message("user", "Sarah will send the budget draft by Friday.")))
                .path("task_id");
        Api.awaitFinished(alice, taskId, TIMEOUT);
        Await.until("the graph of the chat job", TIMEOUT,
                () -> Api.as(alice).get("/api/v1/memories/extract/{id}/progress", taskId).<String>path("graph_state"),
                "completed"::equals);
        String messageId = (String) Chat.messages(alice, c).jsonPath().<Map<String, Object>>getList("messages")
                .get(0).get("id");

        List<String> named = new ArrayList<>();
        pool.preparedQuery("SELECT message_id::text AS m FROM graph_evidence WHERE user_id = $1 AND job_id = $2")
                .execute(Tuple.of(alice, taskId)).await().indefinitely().forEach(r -> named.add(r.getString("m")));
        assertThat(named).isNotEmpty().allSatisfy(m -> assertThat(m).isEqualTo(messageId));
    }
}
