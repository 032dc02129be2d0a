package dev.engram.review;

import dev.engram.memory.MemoryRepository;
import dev.engram.platform.persistence.Neighbours;
import dev.engram.platform.persistence.Neighbours.Neighbour;
import dev.engram.platform.persistence.Rows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The only SQL over {@code pending_memories}: what extraction proposed, awaiting review. Every method takes the
 * caller's client (a pool, or the connection of the caller's transaction, which may also write saved memories).
 */
@ApplicationScoped
class PendingMemoryRepository {

    /**
     * A proposal to store.
     *
     * @param embedding   the vector's floats
     * @param duplicateOf the memory it duplicates (status {@code duplicate}), or null (status {@code pending})
     */
    record NewPending(UUID id, String extractionId, String jobId, String userId, int chunkIndex, int ordinal,
            String content, String memoryType, float confidence, String metadataJson, String tagsJson,
            Float[] embedding, String embeddingModel, UUID duplicateOf, Integer sourceStart, Integer sourceEnd) {
    }

    /** A pending memory as saving it needs it; JSON and the vector as text. */
    record ToSave(UUID id, String userId, String content, String memoryType, String metadataJson, String tagsJson,
            String embedding, String embeddingModel, Float confidence, String status, UUID duplicateOf,
            String jobId, String extractionId, int chunkIndex) {

        /** The memory saving it makes, with the content, type and vector it is saved with, from a job's source. */
        MemoryRepository.NewMemory asSaved(String content, String type, String vector, Integer page,
                String jobSource, String sourceId) {
            return new MemoryRepository.NewMemory(id, userId, content, null, type, MemorySource.source(jobSource),
                    sourceId, tagsJson, metadataJson, confidence, vector, embeddingModel, jobId, extractionId,
                    chunkIndex, page, MemorySource.conversation(jobSource));
        }
    }

    /** A memory of a chunk: the saved memory's id once saved, else its own. */
    record OfChunk(UUID id, String content, String memoryType, float confidence, String metadataJson, String status,
            Integer sourceStart, Integer sourceEnd) {
    }

    /** The earliest confirmation of a saved memory by another job. */
    record Confirmation(UUID memoryId, String jobId, String extractionId) {
    }

    /**
     * What expiry did to one job: how many memories expired (their ids) and whether nothing is left open to review.
     */
    record Expired(String jobId, String userId, long memories, List<UUID> ids, boolean nothingOpen) {
    }

    private static final String TO_SAVE = """
            SELECT id, user_id, content, memory_type, metadata::text AS metadata, tags::text AS tags,
                   embedding::text AS embedding, embedding_model, confidence, status, duplicate_of, job_id,
                   extraction_id, chunk_index
            FROM pending_memories""";

    Uni<Void> insertAll(SqlClient db, List<NewPending> rows) {
        List<Tuple> tuples = new ArrayList<>();
        for (NewPending p : rows) {
            tuples.add(Tuple.tuple(List.of(p.id(), p.extractionId(), p.jobId(), p.userId(), p.chunkIndex(),
                    p.ordinal(), p.content(), p.memoryType(), p.confidence(), p.metadataJson(), p.tagsJson(),
                    p.embedding(), p.embeddingModel(), p.duplicateOf() == null ? "pending" : "duplicate"))
                    .addUUID(p.duplicateOf()).addInteger(p.sourceStart()).addInteger(p.sourceEnd()));
        }
        return db.preparedQuery("""
                INSERT INTO pending_memories (id, extraction_id, job_id, user_id, chunk_index, ordinal, content,
                        memory_type, confidence, metadata, tags, embedding, embedding_model, status, duplicate_of,
                        source_start, source_end)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11::text::jsonb, $12::real[]::vector,
                        $13, $14, $15, $16, $17)
                ON CONFLICT (job_id, chunk_index, ordinal) DO NOTHING""")
                .executeBatch(tuples).replaceWithVoid();
    }

    /** How many memories of a chunk are stored. */
    Uni<Integer> countOfChunk(SqlClient db, String jobId, int chunkIndex) {
        return db.preparedQuery("SELECT count(*) AS n FROM pending_memories WHERE job_id = $1 AND chunk_index = $2")
                .execute(Tuple.of(jobId, chunkIndex)).map(rows -> rows.iterator().next().getInteger("n"));
    }

    private static final String NEAREST_OPEN = Neighbours.PROPOSALS + """
            SELECT c.ord, n.id, n.metadata FROM c CROSS JOIN LATERAL (
                SELECT id, metadata::text AS metadata, embedding <=> c.v AS distance FROM pending_memories
                WHERE extraction_id = $1 AND memory_type = c.memory_type AND status = 'pending'
                  AND embedding <=> c.v <= $4
                ORDER BY embedding <=> c.v LIMIT 10) n
            ORDER BY c.ord, n.distance""";

    /** The extraction's open memories of the same type within {@code maxDistance} of each proposal, by ordinal. */
    Uni<Map<Long, List<Neighbour>>> nearestOpen(SqlClient db, String extractionId, String[] types, Float[] vectors,
            int dim, double maxDistance) {
        return Neighbours.byOrdinal(db, NEAREST_OPEN, extractionId, types, vectors, dim, maxDistance);
    }

    /** The extraction's memories, in document order (the review list). */
    Uni<List<PendingMemory>> listOfExtraction(String userId, String extractionId) {
        return Panache.withSession(() -> PendingMemory.<PendingMemory>list(
                "extractionId = ?1 and userId = ?2 order by chunkIndex, ordinal", extractionId, userId));
    }

    /** The chunk's memories in extraction order. */
    Uni<List<OfChunk>> ofChunk(SqlClient db, String userId, String jobId, int chunkIndex) {
        return db.preparedQuery("SELECT coalesce(memory_id, id) AS id, content, memory_type, confidence, "
                + "metadata::text AS metadata, status, source_start, source_end FROM pending_memories "
                + "WHERE job_id = $1 AND chunk_index = $2 AND user_id = $3 ORDER BY ordinal")
                .execute(Tuple.of(jobId, chunkIndex, userId))
                .map(rows -> Rows.list(rows, r -> new OfChunk(r.getUUID("id"), r.getString("content"),
                        r.getString("memory_type"), r.getFloat("confidence"), r.getString("metadata"),
                        r.getString("status"), r.getInteger("source_start"), r.getInteger("source_end"))));
    }

    /** The statuses of the extraction's memories, each row locked (in id order) until the transaction ends. */
    Uni<Map<UUID, String>> lockStatuses(SqlClient db, String extractionId, String userId) {
        return db.preparedQuery("""
                SELECT id, status FROM pending_memories WHERE extraction_id = $1 AND user_id = $2
                ORDER BY id FOR UPDATE""")
                .execute(Tuple.of(extractionId, userId)).map(rows -> {
                    Map<UUID, String> m = new HashMap<>();
                    for (Row r : rows) {
                        m.put(r.getUUID("id"), r.getString("status"));
                    }
                    return m;
                });
    }

    /** The saved memory a confirmed pending memory became. */
    Uni<UUID> savedAs(SqlClient db, UUID id) {
        return db.preparedQuery("SELECT memory_id FROM pending_memories WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> rows.iterator().next().getUUID("memory_id"));
    }

    /** One of the user's pending memories, as saving it needs it. */
    Uni<ToSave> findToSave(SqlClient db, UUID id, String userId) {
        return db.preparedQuery(TO_SAVE + " WHERE id = $1 AND user_id = $2").execute(Tuple.of(id, userId))
                .map(rows -> toSave(rows.iterator().next()));
    }

    /** The extraction's memories still {@code pending} (not duplicates), in document order. */
    Uni<List<ToSave>> openOfExtraction(SqlClient db, String extractionId, String userId) {
        return db.preparedQuery(TO_SAVE + """
                 WHERE extraction_id = $1 AND user_id = $2 AND status = 'pending'
                ORDER BY chunk_index, ordinal""").execute(Tuple.of(extractionId, userId))
                .map(rows -> Rows.list(rows, PendingMemoryRepository::toSave));
    }

    /** Rejects those of {@code ids} still open. */
    Uni<Void> reject(SqlClient db, UUID[] ids, String userId) {
        return db.preparedQuery("""
                UPDATE pending_memories SET status = 'rejected', updated_at = now()
                WHERE id = ANY($1) AND user_id = $2 AND status IN ('pending', 'duplicate')""")
                .execute(Tuple.of(ids, userId)).replaceWithVoid();
    }

    /** How many of the extraction's memories are still open (pending or duplicate). */
    Uni<Long> countOpen(SqlClient db, String extractionId, String userId) {
        return db.preparedQuery("""
                SELECT count(*) AS open FROM pending_memories
                WHERE extraction_id = $1 AND user_id = $2 AND status IN ('pending', 'duplicate')""")
                .execute(Tuple.of(extractionId, userId)).map(rows -> rows.iterator().next().getLong("open"));
    }

    /** Marks a memory confirmed as {@code memoryId}, with the edit's content and type when given. */
    Uni<Void> markConfirmed(SqlClient db, UUID id, String userId, UUID memoryId, String content, String memoryType) {
        return db.preparedQuery("""
                UPDATE pending_memories SET status = 'confirmed', memory_id = $3,
                    content = coalesce($4, content), memory_type = coalesce($5, memory_type),
                    updated_at = now()
                WHERE id = $1 AND user_id = $2""")
                .execute(Tuple.of(id, userId, memoryId).addString(content).addString(memoryType)).replaceWithVoid();
    }

    /** Marks still-pending memories confirmed as the saved memories of the same ids; returns how many. */
    Uni<Integer> markSavedAsThemselves(SqlClient db, UUID[] ids) {
        return db.preparedQuery("""
                UPDATE pending_memories SET status = 'confirmed', memory_id = id, updated_at = now()
                WHERE id = ANY($1) AND status = 'pending'""")
                .execute(Tuple.tuple().addArrayOfUUID(ids)).map(rows -> rows.rowCount());
    }

    /** Marks still-pending memories confirmed as the saved memories given (parallel arrays); returns how many. */
    Uni<Integer> linkToSaved(SqlClient db, UUID[] ids, UUID[] memoryIds) {
        if (ids.length == 0) {
            return Uni.createFrom().item(0);
        }
        return db.preparedQuery("""
                UPDATE pending_memories p SET status = 'confirmed', memory_id = x.memory_id, updated_at = now()
                FROM unnest($1::uuid[], $2::uuid[]) AS x(id, memory_id)
                WHERE p.id = x.id AND p.status = 'pending'""")
                .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfUUID(memoryIds)).map(rows -> rows.rowCount());
    }

    /** For those of {@code memoryIds} another job of the user also confirmed, that job's earliest confirmation. */
    Uni<List<Confirmation>> earliestConfirmationsByOtherJobs(SqlClient db, String userId, String jobId,
            UUID[] memoryIds) {
        if (memoryIds.length == 0) {
            return Uni.createFrom().item(List.of());
        }
        return db.preparedQuery("""
                SELECT DISTINCT ON (memory_id) memory_id, job_id, extraction_id FROM pending_memories
                WHERE user_id = $1 AND job_id <> $2 AND memory_id = ANY($3) AND status = 'confirmed'
                ORDER BY memory_id, created_at""")
                .execute(Tuple.of(userId, jobId).addArrayOfUUID(memoryIds))
                .map(rows -> Rows.list(rows, r -> new Confirmation(r.getUUID("memory_id"), r.getString("job_id"),
                        r.getString("extraction_id"))));
    }

    /** Deletes a job's memories awaiting or past review. */
    Uni<Void> deleteOfJob(SqlClient db, String userId, String jobId) {
        return db.preparedQuery("DELETE FROM pending_memories WHERE user_id = $1 AND job_id = $2")
                .execute(Tuple.of(userId, jobId)).replaceWithVoid();
    }

    /** Whether any memory of the job is stored here. */
    Uni<Boolean> holdsJob(SqlClient db, String userId, String jobId) {
        return db.preparedQuery(
                "SELECT EXISTS (SELECT 1 FROM pending_memories WHERE user_id = $1 AND job_id = $2) AS held")
                .execute(Tuple.of(userId, jobId)).map(rows -> rows.iterator().next().getBoolean("held"));
    }

    /**
     * Expires every open memory created before {@code cutoff}; per job touched, how many expired and whether nothing
     * is left open (the outer query sees the rows as they were before the update, hence the exclusion of the expired
     * ones).
     */
    Uni<List<Expired>> expireCreatedBefore(SqlClient db, OffsetDateTime cutoff) {
        return db.preparedQuery("""
                WITH expired AS (
                    UPDATE pending_memories SET status = 'expired', updated_at = now()
                    WHERE status IN ('pending', 'duplicate') AND created_at < $1
                    RETURNING id, job_id, user_id)
                SELECT e.job_id, e.user_id, count(*) AS expired, array_agg(e.id) AS ids,
                       NOT EXISTS (SELECT 1 FROM pending_memories p WHERE p.job_id = e.job_id
                                   AND p.status IN ('pending', 'duplicate')
                                   AND p.id <> ALL (SELECT id FROM expired)) AS settled
                FROM expired e GROUP BY e.job_id, e.user_id""")
                .execute(Tuple.of(cutoff))
                .map(rows -> Rows.list(rows, r -> new Expired(r.getString("job_id"), r.getString("user_id"),
                        r.getLong("expired"), List.of(r.getArrayOfUUIDs("ids")), r.getBoolean("settled"))));
    }

    /** The user's memories whose own id or saved memory's id is one of {@code ids}, with their review status. */
    Uni<List<ChunkMemories.Review>> reviewed(SqlClient db, String userId, UUID[] ids) {
        return db.preparedQuery("""
                SELECT id, memory_id, status FROM pending_memories
                WHERE user_id = $1 AND (id = ANY($2) OR memory_id = ANY($2))""")
                .execute(Tuple.of(userId).addArrayOfUUID(ids))
                .map(rows -> Rows.list(rows, r -> new ChunkMemories.Review(r.getUUID("id"), r.getUUID("memory_id"),
                        r.getString("status"))));
    }

    private static ToSave toSave(Row r) {
        return new ToSave(r.getUUID("id"), r.getString("user_id"), r.getString("content"), r.getString("memory_type"),
                r.getString("metadata"), r.getString("tags"), r.getString("embedding"), r.getString("embedding_model"),
                r.getFloat("confidence"), r.getString("status"), r.getUUID("duplicate_of"), r.getString("job_id"),
                r.getString("extraction_id"), r.getInteger("chunk_index"));
    }
}
