package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The expire function, driven by {@code infra/events/expire-schedule.json}. */
@QuarkusTest
@TestProfile(WorkerFunction.Expire.class)
class ExpireHandlerTest {

    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;
    @Inject
    JobStore jobs;

    @Inject
    ChunkLedger chunkLedger;

    @Test
    void scheduledEventExpiresMemoriesLeftUnreviewedPastTheirTtl() {
        UUID stale = UUID.randomUUID();
        String job = "tsk_" + UUID.randomUUID().toString().replace("-", "");
        bridge.await(() -> pool.preparedQuery("""
                INSERT INTO pending_memories (id, extraction_id, job_id, user_id, chunk_index, ordinal, content,
                    memory_type, confidence, created_at, updated_at)
                VALUES ($1, $2, $3, $4, 0, 0, 'Sarah to prepare market research', 'task', 0.9,
                    now() - interval '3 days', now() - interval '3 days')""")
                .execute(Tuple.of(stale, job.replace("tsk_", "ext_"), job, "erin-" + UUID.randomUUID())));

        MockLambda.Invocation result = MockLambda.invoke(LambdaEvents.load("expire-schedule.json"));

        assertThat(result.status()).as(result.output()).isEqualTo(200);
        assertThat(result.json().path("stage").asText()).isEqualTo("expire");
        assertThat(result.json().path("changed").asInt()).isGreaterThanOrEqualTo(1);
        String status = bridge.await(() -> pool.preparedQuery("SELECT status FROM pending_memories WHERE id = $1")
                .execute(Tuple.of(stale)).map(rows -> rows.iterator().next().getString("status")));
        assertThat(status).isEqualTo("expired");
    }

    @Test
    void theScheduleFinishesAJobACrashLeftProcessingWithEveryChunkCounted() {
        Job job = Jobs.split(jobs, "erin-" + UUID.randomUUID(), 1);
        chunkLedger.recordChunkDone(job.taskId(), 0, 1);

        MockLambda.Invocation result = MockLambda.invoke(LambdaEvents.load("expire-schedule.json"));

        assertThat(result.status()).as(result.output()).isEqualTo(200);
        assertThat(jobs.find(job.taskId()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }
}
