package dev.engram.chat;

import dev.engram.memory.MessageSearch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Search's short tier over the caller's chat messages: a message's fused score halves with each week of its age, so
 * of two equally similar messages the fresher ranks first.
 */
@ApplicationScoped
class ChatMessageSearch implements MessageSearch {

    static final Duration HALF_LIFE = Duration.ofDays(7);

    private final ChatMessageRepository messages;

    ChatMessageSearch(ChatMessageRepository messages) {
        this.messages = messages;
    }

    @Override
    public Uni<List<Found>> search(SqlClient db, String userId, String vector, String text, int k, int candidates,
            int rrfK) {
        return messages.searchHybrid(db, userId, vector, text, k, candidates, rrfK, HALF_LIFE);
    }
}
