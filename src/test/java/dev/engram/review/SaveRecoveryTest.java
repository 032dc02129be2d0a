package dev.engram.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.platform.queue.BatchProcessor;
import dev.engram.platform.queue.QueueMessage;
import dev.engram.platform.queue.QueueNames;
import dev.engram.process.ProcessStage;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.split.ChunkReady;
import dev.engram.testing.TestJobs;
import dev.engram.testing.TestTokens;
import dev.engram.testing.TestVectors;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Saving extracted memories when things go wrong around it, on the real Postgres and job table: saves of one user
 * racing each other, and a job that finished but whose auto-save never ran.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class SaveRecoveryTest {

    private static final int MEMORIES = 40;

    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    PendingMemoryStore pending;
    @Inject
    ReviewService review;
    @Inject
    ProcessStage chunkProcessor;
    @Inject
    BatchProcessor processor;
    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;

    @Test
    void twoAutoSavesOfOneUserWithTheSameMemoriesInOppositeOrdersBothSucceed() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String user = Users.fresh("olga");
                Job first = TestJobs.processing(jobs, user, 1, false);
                Job second = TestJobs.processing(jobs, user, 1, false);
                List<ProposedMemory> memories = memories(MEMORIES);
                pending.store(TestJobs.chunk(first, 0, "notes", "UTC"), memories);
                pending.store(TestJobs.chunk(second, 0, "notes", "UTC"), memories.reversed());

                // Each save inserts the contents the other is inserting, in the opposite order: without one save
                // waiting for the other, Postgres finds them waiting on each other's rows and aborts one.
                CountDownLatch start = new CountDownLatch(1);
                var a = CompletableFuture.supplyAsync(() -> save(start, first), threads);
                var b = CompletableFuture.supplyAsync(() -> save(start, second), threads);
                start.countDown();

                assertThat(a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS)).as("pending memories confirmed")
                        .isEqualTo(2 * MEMORIES);
                assertThat(count("SELECT count(*) FROM memories WHERE user_id = $1", user)).isEqualTo(MEMORIES);
                assertThat(count("""
                        SELECT count(DISTINCT memory_id) FROM pending_memories
                        WHERE user_id = $1 AND status = 'confirmed'""", user)).isEqualTo(MEMORIES);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFinishedJobWhoseAutoSaveNeverRanIsSavedWhenOneOfItsChunksComesBack() throws Exception {
        String user = Users.fresh("pia");
        Job job = TestJobs.processing(jobs, user, 1, true);
        ChunkReady chunk = TestJobs.chunk(job, 0, "notes", "UTC");
        // What a process stage that stopped right after finishing the job leaves: memories stored, chunk counted, job
        // completed and handed to review, no auto-save.
        var stored = pending.store(chunk, memories(MEMORIES));
        Job counted = chunkLedger.recordChunkDone(job.taskId(), 0, stored.stored()).orElseThrow();
        assertThat(jobs.finishIfComplete(counted)).isPresent();
        jobs.setExtractionStatus(job.taskId(), ExtractionStatus.PENDING_REVIEW);
        assertThat(count("SELECT count(*) FROM memories WHERE user_id = $1", user)).isZero();

        // The chunk's message comes back (its delivery threw): in a batch it completes the auto-save.
        QueueMessage again = new QueueMessage("again", json.writeValueAsString(chunk), 2, false);
        var outcome = chunkProcessor.consumeTogether(List.of(again));
        assertThat(outcome.oneByOne()).isEmpty();
        assertThat(outcome.failed()).isEmpty();
        Job saved = jobs.find(job.taskId()).orElseThrow();
        assertThat(saved.extractionStatus()).isEqualTo(ExtractionStatus.AUTO_SAVED);
        assertThat(count("SELECT count(*) FROM memories WHERE user_id = $1", user)).isEqualTo(MEMORIES);

        // Once more, alone: nothing is saved or counted twice.
        assertThat(processor.process(QueueNames.CHUNKS, List.of(again))).isEmpty();
        Job after = jobs.find(job.taskId()).orElseThrow();
        assertThat(after.state()).isEqualTo(JobState.COMPLETED);
        assertThat(after.chunksDone()).isEqualTo(1);
        assertThat(after.memoriesExtracted()).isEqualTo(MEMORIES);
        assertThat(after.extractionStatus()).isEqualTo(ExtractionStatus.AUTO_SAVED);
        assertThat(count("SELECT count(*) FROM memories WHERE user_id = $1", user)).isEqualTo(MEMORIES);
    }

    private int save(CountDownLatch start, Job job) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return review.autoSave(job.userId(), job.extractionId(), job.source(), job.sourceId());
    }

    /** Distinct decisions with random (so unrelated) unit vectors: none is a near-duplicate of another. */
    private static List<ProposedMemory> memories(int n) {
        Random random = new Random(42);
        List<ProposedMemory> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String content = "Decided to settle open question number " + i + " in the weekly review.";
            float[] v = TestVectors.unit(random);
            out.add(new ProposedMemory(new MemoryCandidate(content, MemoryType.DECISION, 0.9, Map.of(), List.of(),
                    0, 5), v));
        }
        return out;
    }

    private long count(String sql, String user) {
        return pool.preparedQuery(sql).execute(Tuple.of(user)).await().indefinitely().iterator().next().getLong(0);
    }
}
