package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code conversations} table's only owner; every statement is scoped by the owner's user id. */
@ApplicationScoped
class ConversationRepository {

    private static final String COLUMNS = "id, title, status, context::text AS context, auto_save, summary, "
            + "message_count, summarized_to_seq, last_message_at, created_at, updated_at";

    private final ObjectMapper json;

    ConversationRepository(ObjectMapper json) {
        this.json = json;
    }

    Uni<Conversation> insert(SqlClient db, String userId, String title, JsonNode context, boolean autoSave) {
        return db.preparedQuery("INSERT INTO conversations (id, user_id, title, context, auto_save) "
                + "VALUES ($1, $2, $3, $4::text::jsonb, $5) RETURNING " + COLUMNS)
                .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), userId, title, text(context), autoSave)))
                .map(rows -> read(rows.iterator().next()));
    }

    Uni<Optional<Conversation>> find(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM conversations WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId)).map(this::first);
    }

    /** The conversation, locked until the transaction ends: messages get their seq under this lock. */
    Uni<Optional<Conversation>> lock(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM conversations WHERE id = $1 AND user_id = $2 FOR UPDATE")
                .execute(Tuple.of(id, userId)).map(this::first);
    }

    /** The user's active conversation with the latest activity (its last message, else its creation). */
    Uni<Optional<Conversation>> newestActive(SqlClient db, String userId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM conversations WHERE user_id = $1 AND status = 'active' "
                + "ORDER BY coalesce(last_message_at, created_at) DESC, id DESC LIMIT 1")
                .execute(Tuple.of(userId)).map(this::first);
    }

    /** A page of the user's conversations, newest first, after the (created_at, id) position given, if any. */
    Uni<List<Conversation>> page(SqlClient db, String userId, String status, OffsetDateTime afterCreated,
            UUID afterId, int limit) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM conversations WHERE user_id = $1 "
                + "AND ($2::text IS NULL OR status = $2) "
                + "AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4)) "
                + "ORDER BY created_at DESC, id DESC LIMIT $5")
                .execute(Tuple.tuple(Arrays.asList(userId, status, afterCreated, afterId, limit)))
                .map(rows -> {
                    List<Conversation> out = new ArrayList<>();
                    rows.forEach(r -> out.add(read(r)));
                    return out;
                });
    }

    /** Sets the fields given (a null argument leaves its field as it is; {@code clearTitle} empties the title). */
    Uni<Optional<Conversation>> update(SqlClient db, String userId, UUID id, String title, boolean clearTitle,
            JsonNode context, String status) {
        return db.preparedQuery("UPDATE conversations SET "
                + "title = CASE WHEN $3 THEN NULL ELSE coalesce($4, title) END, "
                + "context = coalesce($5::text::jsonb, context), status = coalesce($6, status), updated_at = now() "
                + "WHERE id = $1 AND user_id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.tuple(Arrays.asList(id, userId, clearTitle, title, text(context), status)))
                .map(this::first);
    }

    /** Records messages {@code count} more messages, the newest written at {@code last}. */
    Uni<Void> addMessages(SqlClient db, String userId, UUID id, int count, OffsetDateTime last) {
        return db.preparedQuery("UPDATE conversations SET message_count = message_count + $3, "
                + "last_message_at = greatest(last_message_at, $4), updated_at = now() WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId, count, last)).replaceWithVoid();
    }

    /**
     * Records a summary version: the conversation's summary now covers messages up to {@code toSeq}; a conversation
     * without a title takes {@code title}.
     */
    Uni<Void> summarized(SqlClient db, String userId, UUID id, int toSeq, String summary, String title) {
        return db.preparedQuery("UPDATE conversations SET summarized_to_seq = $3, summary = $4, "
                + "title = coalesce(title, $5), updated_at = now() WHERE id = $1 AND user_id = $2")
                .execute(Tuple.tuple(Arrays.asList(id, userId, toSeq, summary, title))).replaceWithVoid();
    }

    /** A conversation the chat-tiers stage should summarize: idle, with messages its summary does not cover. */
    record Idle(UUID id, String userId, int messageCount) {
    }

    /** For every user: conversations idle since before {@code cutoff} with unsummarized messages, oldest first. */
    Uni<List<Idle>> idleUnsummarized(SqlClient db, OffsetDateTime cutoff, int limit) {
        return db.preparedQuery("SELECT id, user_id, message_count FROM conversations "
                + "WHERE summarized_to_seq < message_count AND last_message_at < $1 "
                + "ORDER BY last_message_at LIMIT $2")
                .execute(Tuple.of(cutoff, limit))
                .map(rows -> {
                    List<Idle> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Idle(r.getUUID("id"), r.getString("user_id"),
                            r.getInteger("message_count"))));
                    return out;
                });
    }

    /** Deletes the conversation and, by cascade, its messages; false when the user has no such conversation. */
    Uni<Boolean> delete(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("DELETE FROM conversations WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() > 0);
    }

    private Optional<Conversation> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(read(it.next())) : Optional.empty();
    }

    private Conversation read(Row r) {
        return new Conversation(r.getUUID("id"), r.getString("title"), r.getString("status"),
                parse(r.getString("context")), r.getBoolean("auto_save"), r.getString("summary"),
                r.getInteger("message_count"), r.getInteger("summarized_to_seq"), r.getOffsetDateTime("last_message_at"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }

    private JsonNode parse(String text) {
        return StoredJson.tree(json, text);
    }

    private String text(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
