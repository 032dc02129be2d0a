package dev.engram.chat;

import static dev.engram.chat.Chat.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The chat tiers: idle conversations summarized, contents purged only after their summary, idle summaries expired. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ChatTierTest {

    @Inject
    ChatTierStage stage;
    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    @Test
    void idleConversationIsSummarizedThenItsContentPurgedAndItsSummaryExpiredInTurn() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        Chat.post(alice, c, List.of(message("user", "Dana will review the contract by Tuesday."),
                message("twin", "Noted.")));
        String fresh = Chat.open(alice);
        Chat.post(alice, fresh, List.of(message("user", "Tom will book the venue by Monday.")));
        sql("UPDATE conversations SET last_message_at = now() - interval '25 hours' WHERE id = $1", c);

        stage.run();
        assertThat(summaries(alice, c)).singleElement().satisfies(v -> assertThat(v).containsEntry("to_seq", 2));
        assertThat(summaries(alice, fresh)).as("not idle yet").isEmpty();
        assertThat(contents(alice, c)).as("summarized a moment ago: kept").doesNotContainNull();

        // A month after its summary, the content goes; the rows, seqs and states stay.
        sql("UPDATE conversation_summaries SET created_at = now() - interval '31 days' WHERE conversation_id = $1", c);
        stage.run();
        assertThat(contents(alice, c)).containsExactly(null, null);
        assertThat(Chat.messages(alice, c).jsonPath().<Integer>getList("messages.seq")).containsExactly(1, 2);
        assertThat(contents(alice, fresh)).as("never summarized: never purged").doesNotContainNull();

        sql("UPDATE memories SET updated_at = now() - interval '181 days' WHERE memory_type = 'summary' "
                + "AND conversation_id = $1", c);
        stage.run();
        assertThat(Api.as(alice).get("/api/v1/memories?type=summary").jsonPath().getList("memories")).isEmpty();
    }

    private void sql(String statement, String conversation) {
        Object key = statement.contains("memories") ? conversation : UUID.fromString(conversation);
        bridge.await(() -> pool.preparedQuery(statement).execute(Tuple.of(key)));
    }

    private static List<Map<String, Object>> summaries(String user, String c) {
        return Api.as(user).get("/api/v1/conversations/{id}/summaries", c).jsonPath().getList("summaries");
    }

    private static List<String> contents(String user, String c) {
        return Chat.messages(user, c).jsonPath().getList("messages.content");
    }
}
