package dev.engram.review;

import dev.engram.platform.persistence.Rows;
import dev.engram.split.Chunk;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The only SQL over {@code chunks}: each chunk as it was extracted from, the provenance of its memories. Every method
 * takes the caller's client (a pool, or the connection of the caller's transaction).
 */
@ApplicationScoped
class ChunkRepository {

    /** A stored chunk's text and where it came from. */
    record StoredChunk(int index, String text, Integer pageStart, String headingPath, UUID messageId) {
    }

    /**
     * Stores a chunk unless it is stored already.
     *
     * @return true when this call stored it
     */
    Uni<Boolean> insertIfAbsent(SqlClient db, String jobId, String userId, String extractionId, Chunk c) {
        Tuple row = Tuple.tuple(List.of(jobId, c.index(), userId, extractionId, c.text(), c.start(), c.end()))
                .addInteger(c.pageStart()).addInteger(c.pageEnd()).addString(c.headingPath()).addUUID(c.messageId());
        return db.preparedQuery("""
                        INSERT INTO chunks (job_id, chunk_index, user_id, extraction_id, text, char_start, char_end,
                                            page_start, page_end, heading_path, message_id)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        ON CONFLICT (job_id, chunk_index) DO NOTHING RETURNING chunk_index""").execute(row)
                .map(inserted -> inserted.rowCount() > 0);
    }

    /** The chunk {@code chunkIndex} of the user's job, if it is stored. */
    Uni<Optional<StoredChunk>> find(SqlClient db, String userId, String jobId, int chunkIndex) {
        return db.preparedQuery("SELECT chunk_index, text, page_start, heading_path, message_id FROM chunks WHERE job_id = $1 "
                + "AND chunk_index = $2 AND user_id = $3").execute(Tuple.of(jobId, chunkIndex, userId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    /** The user's stored chunks of a job among {@code indexes}, by index. */
    Uni<Map<Integer, StoredChunk>> findAll(SqlClient db, String userId, String jobId, Integer[] indexes) {
        return db.preparedQuery("""
                SELECT chunk_index, text, page_start, heading_path, message_id FROM chunks
                WHERE job_id = $1 AND user_id = $2 AND chunk_index = ANY($3)""")
                .execute(Tuple.of(jobId, userId, indexes)).map(rows -> {
                    Map<Integer, StoredChunk> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getInteger("chunk_index"), stored(r)));
                    return out;
                });
    }

    /** The first page of each stored chunk of a job among {@code indexes} (null for text without pages), by index. */
    Uni<Map<Integer, Integer>> pageStarts(SqlClient db, String jobId, Integer[] indexes) {
        return db.preparedQuery("SELECT chunk_index, page_start FROM chunks WHERE job_id = $1 AND chunk_index = ANY($2)")
                .execute(Tuple.of(jobId, indexes)).map(rows -> {
                    Map<Integer, Integer> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getInteger("chunk_index"), r.getInteger("page_start")));
                    return out;
                });
    }

    /** Deletes a job's chunks. */
    Uni<Void> deleteOfJob(SqlClient db, String userId, String jobId) {
        return db.preparedQuery("DELETE FROM chunks WHERE user_id = $1 AND job_id = $2")
                .execute(Tuple.of(userId, jobId)).replaceWithVoid();
    }

    /** Whether any chunk of the job is stored. */
    Uni<Boolean> holdsJob(SqlClient db, String userId, String jobId) {
        return db.preparedQuery("SELECT EXISTS (SELECT 1 FROM chunks WHERE user_id = $1 AND job_id = $2) AS held")
                .execute(Tuple.of(userId, jobId)).map(rows -> rows.iterator().next().getBoolean("held"));
    }

    /**
     * A page of stored chunks, of {@code userId} or (null) everyone's, after {@code (afterJob, afterIndex)} in job and
     * index order.
     */
    Uni<List<ChunkMemories.Stored>> page(SqlClient db, String userId, String afterJob, int afterIndex, int limit) {
        return db.preparedQuery("""
                SELECT job_id, chunk_index, user_id FROM chunks
                WHERE ($1::text IS NULL OR user_id = $1) AND (job_id, chunk_index) > ($2, $3)
                ORDER BY job_id, chunk_index LIMIT $4""")
                .execute(Tuple.tuple(Arrays.asList(userId, afterJob, afterIndex, limit)))
                .map(rows -> Rows.list(rows, r -> new ChunkMemories.Stored(
                        r.getString("job_id"), r.getInteger("chunk_index"), r.getString("user_id"))));
    }

    private static StoredChunk stored(Row r) {
        return new StoredChunk(r.getInteger("chunk_index"), r.getString("text"), r.getInteger("page_start"),
                r.getString("heading_path"), r.getUUID("message_id"));
    }
}
