package dev.engram.memory;

import dev.engram.platform.persistence.PgVectors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * A conversation's summary memory (type {@code summary}, source {@code chat}): one per conversation, auto-saved, and
 * written in place by each summary version, in the caller's transaction. Its id and content hash follow from the
 * conversation, so a repeated write finds the same row, and two conversations that happen to read alike keep a
 * summary each. A new version restores a summary memory that was deleted: it carries what has been said since.
 */
@ApplicationScoped
public class SummaryMemories {

    /** The memory type of summaries; not an extraction type. */
    public static final String TYPE = "summary";

    /** The summary memory's id for a conversation. */
    public static UUID idOf(String userId, UUID conversationId) {
        return UUID.nameUUIDFromBytes(("summary:" + userId + ":" + conversationId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the summary memory of a conversation.
     *
     * @param metadata JSON object text: what the memory records besides its content (topics, to_seq, version)
     * @return the memory's id
     */
    public Uni<UUID> save(SqlClient db, String userId, UUID conversationId, String title, String content,
            String metadata, float[] embedding, String model) {
        UUID id = idOf(userId, conversationId);
        return db.preparedQuery("""
                INSERT INTO memories (id, user_id, content, title, memory_type, source, source_id, tags, metadata,
                        confidence, embedding, embedding_status, embedding_model, embedding_updated_at,
                        conversation_id, content_hash)
                VALUES ($1, $2, $3, $4, 'summary', 'chat', $5, '["summary"]', $6::text::jsonb, 1.0,
                        $7::text::vector, 'ready', $8, now(), $5, md5('summary:' || $5))
                ON CONFLICT (id) DO UPDATE SET content = excluded.content, title = excluded.title,
                        metadata = excluded.metadata, embedding = excluded.embedding,
                        embedding_model = excluded.embedding_model, embedding_status = 'ready',
                        embedding_updated_at = now(), updated_at = now(), deleted_at = NULL
                    WHERE memories.user_id = excluded.user_id
                RETURNING id""")
                .execute(Tuple.tuple(Arrays.asList(id, userId, content, title, conversationId.toString(), metadata,
                        PgVectors.literal(embedding), model)))
                .map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new IllegalStateException("summary memory " + id + " belongs to another user");
                    }
                    return id;
                });
    }

    /**
     * Medium tier, for every user: soft-deletes summary memories nobody read or updated since {@code cutoff}. A new
     * summary version restores one.
     */
    public Uni<Integer> expireIdle(SqlClient db, java.time.OffsetDateTime cutoff) {
        return db.preparedQuery("UPDATE memories SET deleted_at = now() WHERE memory_type = 'summary' "
                + "AND deleted_at IS NULL AND greatest(updated_at, coalesce(accessed_at, updated_at)) < $1")
                .execute(Tuple.of(cutoff)).map(rows -> rows.rowCount());
    }

    /** Removes a conversation's summary memory for good, with the conversation it summarized. */
    public Uni<Void> purge(SqlClient db, String userId, UUID conversationId) {
        return db.preparedQuery("DELETE FROM memories WHERE id = $1 AND user_id = $2 AND memory_type = 'summary'")
                .execute(Tuple.of(idOf(userId, conversationId), userId)).replaceWithVoid();
    }
}
