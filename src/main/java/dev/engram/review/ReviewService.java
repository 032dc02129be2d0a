package dev.engram.review;

import dev.engram.platform.persistence.ReactiveBridge;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reading an extraction's proposed memories and saving them (by review or auto-save). */
@ApplicationScoped
public class ReviewService {

    /** First key of the advisory lock on a user's saves. */
    private static final int SAVES_LOCK_CLASS = 1;

    /** The content hash that makes a user's memories unique: type plus normalised content. */
    static final String CONTENT_HASH = "md5(p.memory_type || ':' || lower(btrim(p.content)))";

    private final ReactiveBridge bridge;
    private final Pool pool;

    ReviewService(ReactiveBridge bridge, Pool pool) {
        this.bridge = bridge;
        this.pool = pool;
    }

    /** The memories proposed for an extraction of {@code userId}, in document order, with their source excerpts. */
    public List<ExtractedMemory> proposed(String userId, String extractionId) {
        List<PendingMemory> rows = bridge.await(() -> Panache.withSession(() -> PendingMemory
                .<PendingMemory>list("extractionId = ?1 and userId = ?2 order by chunkIndex, ordinal",
                        extractionId, userId)));
        if (rows.isEmpty()) {
            return List.of();
        }
        Integer[] chunkIndexes = rows.stream().map(p -> p.chunkIndex).distinct().toArray(Integer[]::new);
        Map<Integer, Row> chunks = new HashMap<>();
        bridge.await(() -> pool.preparedQuery("""
                SELECT chunk_index, text, page_start FROM chunks
                WHERE job_id = $1 AND user_id = $2 AND chunk_index = ANY($3)""")
                .execute(Tuple.of(rows.get(0).jobId, userId, chunkIndexes)))
                .forEach(r -> chunks.put(r.getInteger("chunk_index"), r));
        return rows.stream().map(p -> ExtractedMemory.of(p, excerpt(p, chunks.get(p.chunkIndex)))).toList();
    }

    private static ExtractedMemory.Excerpt excerpt(PendingMemory p, Row chunk) {
        if (chunk == null) {
            return null;
        }
        String text = chunk.getString("text");
        int start = p.sourceStart == null ? 0 : Math.max(0, Math.min(p.sourceStart, text.length()));
        int end = p.sourceEnd == null ? Math.min(text.length(), start + 240)
                : Math.max(start, Math.min(p.sourceEnd, text.length()));
        return new ExtractedMemory.Excerpt(text.substring(start, end), p.chunkIndex, chunk.getInteger("page_start"),
                p.sourceStart, p.sourceEnd);
    }

    /**
     * Deletes everything derived from a job: its chunks, proposed memories and the memories saved from them.
     *
     * @return how many saved memories were deleted
     */
    public int purgeJob(String userId, String taskId) {
        // A saved memory that also holds another job's confirmation (a duplicate merged into it) is that job's too:
        // it stays, attributed to the other job, instead of leaving that job's confirmed memory pointing nowhere.
        return bridge.await(() -> pool.withTransaction(conn -> conn.preparedQuery("""
                        UPDATE memories m SET job_id = o.job_id, extraction_id = o.extraction_id, updated_at = now()
                        FROM (SELECT DISTINCT ON (memory_id) memory_id, job_id, extraction_id FROM pending_memories
                              WHERE user_id = $1 AND job_id <> $2 AND memory_id IS NOT NULL AND status = 'confirmed'
                              ORDER BY memory_id, created_at) o
                        WHERE m.user_id = $1 AND m.job_id = $2 AND m.id = o.memory_id""")
                .execute(Tuple.of(userId, taskId))
                .chain(() -> conn.preparedQuery("DELETE FROM memories WHERE user_id = $1 AND job_id = $2")
                        .execute(Tuple.of(userId, taskId)))
                .map(rows -> rows.rowCount())
                .call(() -> conn.preparedQuery("DELETE FROM pending_memories WHERE user_id = $1 AND job_id = $2")
                        .execute(Tuple.of(userId, taskId)))
                .call(() -> conn.preparedQuery("DELETE FROM chunks WHERE user_id = $1 AND job_id = $2")
                        .execute(Tuple.of(userId, taskId)))));
    }

    /** Whether Postgres still holds anything of a job (its record may have expired from the job table). */
    public boolean holdsJob(String userId, String taskId) {
        return bridge.await(() -> pool.preparedQuery("""
                SELECT EXISTS (SELECT 1 FROM chunks WHERE user_id = $1 AND job_id = $2)
                    OR EXISTS (SELECT 1 FROM pending_memories WHERE user_id = $1 AND job_id = $2)
                    OR EXISTS (SELECT 1 FROM memories WHERE user_id = $1 AND job_id = $2) AS held""")
                .execute(Tuple.of(userId, taskId)).map(rows -> rows.iterator().next().getBoolean("held")));
    }

    /**
     * Saves every pending memory of an extraction without review. Idempotent: a memory already saved (same user,
     * type and content) is linked instead of saved twice. A new memory takes its pending memory's id, so the inserted
     * ones are linked by primary key; only those that met a saved twin look it up, one probe per row through the
     * (user, content hash) index. (As one join for all rows, planned on a fresh table's statistics, the link read all
     * of the user's memories for every pending one: 450 ms for 100 memories of a user with 3,000.)
     *
     * @return how many pending memories were confirmed
     */
    public int autoSave(String userId, String extractionId, String source, String sourceId) {
        return bridge.await(() -> pool.withTransaction(conn -> lockSavedMemories(conn, userId).chain(() -> conn
                .preparedQuery("""
                INSERT INTO memories (id, user_id, content, memory_type, source, source_id, tags, metadata,
                        confidence, embedding, embedding_status, embedding_model, embedding_updated_at, content_hash,
                        job_id, extraction_id, chunk_index, page, conversation_id)
                SELECT p.id, p.user_id, p.content, p.memory_type, %s, $4, p.tags, p.metadata, p.confidence,
                       p.embedding, 'ready', p.embedding_model, now(), %s, p.job_id, p.extraction_id,
                       p.chunk_index, c.page_start, %s
                FROM pending_memories p
                JOIN chunks c ON c.job_id = p.job_id AND c.chunk_index = p.chunk_index
                WHERE p.extraction_id = $1 AND p.user_id = $2 AND p.status = 'pending'
                ON CONFLICT (user_id, content_hash) WHERE deleted_at IS NULL DO NOTHING
                RETURNING id""".formatted(MemorySource.source("$3"), CONTENT_HASH, MemorySource.conversation("$3")))
                .execute(Tuple.of(extractionId, userId, source, sourceId))
                .chain(inserted -> {
                    List<UUID> ids = new ArrayList<>();
                    inserted.forEach(row -> ids.add(row.getUUID("id")));
                    return conn.preparedQuery("""
                            UPDATE pending_memories SET status = 'confirmed', memory_id = id, updated_at = now()
                            WHERE id = ANY($1) AND status = 'pending'""")
                            .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)));
                })
                .chain(linked -> conn.preparedQuery("""
                        UPDATE pending_memories p SET status = 'confirmed', memory_id = x.memory_id, updated_at = now()
                        FROM (SELECT p.id, (SELECT m.id FROM memories m
                                            WHERE m.user_id = p.user_id AND m.content_hash = %s
                                              AND m.deleted_at IS NULL) AS memory_id
                              FROM pending_memories p
                              WHERE p.extraction_id = $1 AND p.user_id = $2 AND p.status = 'pending') x
                        WHERE p.id = x.id AND x.memory_id IS NOT NULL"""
                        .formatted(CONTENT_HASH))
                        .execute(Tuple.of(extractionId, userId))
                        .map(twins -> linked.rowCount() + twins.rowCount())))));
    }

    /**
     * Serialises a user's saves (auto-save, confirm) in the transaction that takes it. Two saves inserting the same
     * contents in different orders deadlocked on the (user, content hash) index; one after the other, the second finds
     * the first's rows and links to them. The two-key form has its own key space, apart from the store's locks.
     */
    static Uni<Void> lockSavedMemories(SqlConnection conn, String userId) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(" + SAVES_LOCK_CLASS + ", hashtext($1))")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }
}
