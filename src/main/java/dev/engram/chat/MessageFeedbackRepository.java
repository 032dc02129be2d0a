package dev.engram.chat;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code message_feedback} table's only owner; every statement is scoped by the owner's user id. */
@ApplicationScoped
class MessageFeedbackRepository {

    private static final String COLUMNS = "id, message_id, conversation_id, reaction_type, comment, applied_at, "
            + "created_at";

    Uni<MessageFeedback> insert(SqlClient db, String userId, UUID messageId, UUID conversationId, String reaction,
            String comment) {
        return db.preparedQuery("INSERT INTO message_feedback (id, user_id, message_id, conversation_id, "
                + "reaction_type, comment) VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), userId, messageId, conversationId, reaction,
                        comment)))
                .map(rows -> all(rows).get(0));
    }

    Uni<List<MessageFeedback>> ofMessage(SqlClient db, String userId, UUID messageId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM message_feedback WHERE user_id = $1 AND message_id = $2 "
                + "ORDER BY created_at, id")
                .execute(Tuple.of(userId, messageId)).map(this::all);
    }

    Uni<Optional<MessageFeedback>> find(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM message_feedback WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId)).map(rows -> all(rows).stream().findFirst());
    }

    /** The feedback, locked until the transaction ends, so two deliveries apply it once. */
    Uni<Optional<MessageFeedback>> lock(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM message_feedback WHERE id = $1 AND user_id = $2 "
                + "FOR UPDATE")
                .execute(Tuple.of(id, userId)).map(rows -> all(rows).stream().findFirst());
    }

    Uni<Void> markApplied(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("UPDATE message_feedback SET applied_at = now() WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId)).replaceWithVoid();
    }

    private List<MessageFeedback> all(RowSet<Row> rows) {
        List<MessageFeedback> out = new ArrayList<>();
        rows.forEach(r -> out.add(new MessageFeedback(r.getUUID("id"), r.getUUID("message_id"),
                r.getUUID("conversation_id"), r.getString("reaction_type"), r.getString("comment"),
                r.getOffsetDateTime("applied_at"), r.getOffsetDateTime("created_at"))));
        return out;
    }
}
