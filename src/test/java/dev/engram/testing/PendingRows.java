package dev.engram.testing;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.progress.Job;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/** Extracted memories of a job written as the process stage writes them, with a chosen status and age. */
public final class PendingRows {

    private PendingRows() {
    }

    /** One memory of {@code job}'s only chunk, created {@code age} ago (a Postgres interval, e.g. "3 days"). */
    public static UUID insert(Pool pool, ReactiveBridge bridge, Job job, int ordinal, String status, String age,
            String content) {
        UUID id = UUID.randomUUID();
        bridge.await(() -> pool.preparedQuery("""
                INSERT INTO pending_memories (id, extraction_id, job_id, user_id, chunk_index, ordinal, content,
                    memory_type, confidence, status, created_at, updated_at)
                VALUES ($1, $2, $3, $4, 0, $5, $7, 'task', 0.9, $8,
                    now() - $6::text::interval, now() - $6::text::interval)""")
                .execute(Tuple.tuple(List.of(id, job.extractionId(), job.taskId(), job.userId(), ordinal, age,
                        content, status))));
        return id;
    }
}
