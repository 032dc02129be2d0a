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

/** The {@code conversation_summaries} table's only owner; every statement is scoped by the owner's user id. */
@ApplicationScoped
class ConversationSummaryRepository {

    private static final String COLUMNS = "version, from_seq, to_seq, content, structured::text AS structured, "
            + "provider, memory_id, created_at";

    private final ObjectMapper json;

    ConversationSummaryRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Writes the next version for the window ending at {@code toSeq} and returns its number; empty when that window
     * has a version already (the caller then rolls back).
     */
    Uni<Optional<Integer>> insert(SqlClient db, String userId, UUID conversationId, int fromSeq, int toSeq, String content,
            JsonNode structured, String provider, UUID memoryId) {
        return db.preparedQuery("INSERT INTO conversation_summaries (conversation_id, version, user_id, from_seq, "
                + "to_seq, content, structured, provider, memory_id) "
                + "SELECT $1::uuid, coalesce(max(version), 0) + 1, $2::text, $3::int, $4::int, $5::text, $6::text::jsonb, "
                + "$7::text, $8::uuid "
                + "FROM conversation_summaries WHERE conversation_id = $1 AND user_id = $2 "
                + "ON CONFLICT DO NOTHING RETURNING version")
                .execute(Tuple.tuple(Arrays.asList(conversationId, userId, fromSeq, toSeq, content,
                        structured.toString(), provider, memoryId)))
                .map(rows -> rows.rowCount() == 1 ? Optional.of(rows.iterator().next().getInteger("version"))
                        : Optional.empty());
    }

    /** The newest version, if there is one. */
    Uni<Optional<ConversationSummary>> latest(SqlClient db, String userId, UUID conversationId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM conversation_summaries WHERE conversation_id = $1 "
                + "AND user_id = $2 ORDER BY version DESC LIMIT 1")
                .execute(Tuple.of(conversationId, userId))
                .map(rows -> all(rows).stream().findFirst());
    }

    /** Every version, oldest first. */
    Uni<List<ConversationSummary>> list(SqlClient db, String userId, UUID conversationId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM conversation_summaries WHERE conversation_id = $1 "
                + "AND user_id = $2 ORDER BY version")
                .execute(Tuple.of(conversationId, userId)).map(this::all);
    }

    /** A window of a conversation's messages that a summary version covers. */
    record Window(UUID conversationId, String userId, int fromSeq, int toSeq) {
    }

    /** Short tier, for every user: the windows of the summary versions written before {@code cutoff}. */
    Uni<List<Window>> windowsWrittenBefore(SqlClient db, OffsetDateTime cutoff) {
        return db.preparedQuery("SELECT conversation_id, user_id, from_seq, to_seq FROM conversation_summaries "
                + "WHERE created_at < $1").execute(Tuple.of(cutoff))
                .map(rows -> {
                    List<Window> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Window(r.getUUID("conversation_id"), r.getString("user_id"),
                            r.getInteger("from_seq"), r.getInteger("to_seq"))));
                    return out;
                });
    }

    private List<ConversationSummary> all(RowSet<Row> rows) {
        List<ConversationSummary> out = new ArrayList<>();
        rows.forEach(r -> out.add(new ConversationSummary(r.getInteger("version"), r.getInteger("from_seq"),
                r.getInteger("to_seq"), r.getString("content"), StoredJson.tree(json, r.getString("structured")),
                r.getString("provider"), r.getUUID("memory_id"), r.getOffsetDateTime("created_at"))));
        return out;
    }
}
