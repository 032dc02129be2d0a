package dev.engram.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.progress.Job;
import dev.engram.progress.JobStore;
import dev.engram.testing.TestJobs;
import dev.engram.testing.TestTokens;
import dev.engram.testing.TestVectors;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store's vectors travel as one binary array per chunk: each memory must get, and be compared by, its own. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class PendingMemoryStoreTest {

    @Inject
    JobStore jobs;
    @Inject
    PendingMemoryStore pending;
    @Inject
    Pool pool;

    @Test
    void everyMemoryIsStoredWithItsOwnVectorAndARepeatFindsItsOwnOriginal() {
        Job job = TestJobs.processing(jobs, Users.fresh("quinn"), 2, false);
        Random random = new Random(7);
        List<ProposedMemory> first = new ArrayList<>();
        List<ProposedMemory> again = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            float[] v = TestVectors.unit(random);
            // Different words each time, so only the vectors can pair a repeat with its original.
            first.add(proposal("Decided on option " + i + " for the rollout.", v));
            again.add(proposal("Rollout question " + i + " was settled.", v));
        }
        assertThat(pending.store(TestJobs.chunk(job, 0, "first", "UTC"), first).stored()).isEqualTo(25);
        assertThat(pending.store(TestJobs.chunk(job, 1, "again", "UTC"), again.reversed()).stored()).isEqualTo(25);

        for (int i = 0; i < 25; i++) {
            Row row = pool.preparedQuery("""
                    SELECT embedding = $2::real[]::vector AS same, status FROM pending_memories WHERE id = $1""")
                    .execute(Tuple.of(PendingMemoryStore.pendingId(job.taskId(), 0, i))
                            .addArrayOfFloat(PgVectors.floats(first.get(i).embedding())))
                    .await().indefinitely().iterator().next();
            assertThat(row.getBoolean("same")).as("vector of memory %d", i).isTrue();
            assertThat(row.getString("status")).isEqualTo("pending");
            // Chunk 1 held the same vectors in reverse: its ordinal 24 - i repeats memory i of chunk 0.
            Row repeat = pool.preparedQuery("SELECT status, duplicate_of FROM pending_memories WHERE id = $1")
                    .execute(Tuple.of(PendingMemoryStore.pendingId(job.taskId(), 1, 24 - i)))
                    .await().indefinitely().iterator().next();
            assertThat(repeat.getString("status")).isEqualTo("duplicate");
            assertThat(repeat.getUUID("duplicate_of")).isEqualTo(PendingMemoryStore.pendingId(job.taskId(), 0, i));
        }
    }

    @Test
    void chunksOfOneDocumentStoredAtOnceKeepOneOriginalOfARepeatedMemory() throws Exception {
        int chunks = 12;
        Job job = TestJobs.processing(jobs, Users.fresh("quinn"), chunks, false);
        float[] v = TestVectors.unit(new Random(3));
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<PendingMemoryStore.StoreResult>> results = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                int index = c;
                results.add(threads.submit(() -> pending.store(TestJobs.chunk(job, index, "chunk " + index, "UTC"),
                        List.of(proposal("Decided to ship the beta in May (chunk " + index + ").", v)))));
            }
            for (Future<PendingMemoryStore.StoreResult> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS).stored()).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        pool.preparedQuery("SELECT status, count(*) AS n FROM pending_memories WHERE job_id = $1 GROUP BY status")
                .execute(Tuple.of(job.taskId())).await().indefinitely()
                .forEach(r -> byStatus.put(r.getString("status"), r.getLong("n")));
        assertThat(byStatus).containsExactly(Map.entry("duplicate", (long) chunks - 1), Map.entry("pending", 1L));
    }

    @Test
    void vectorsOfDifferentDimensionsDoNotShareOneArray() {
        assertThat(PgVectors.flat(List.of(new float[] {1, 2}, new float[] {3, 4}))).containsExactly(1f, 2f, 3f, 4f);
        assertThatThrownBy(() -> PgVectors.flat(List.of(new float[] {1, 2}, new float[] {3})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ProposedMemory proposal(String content, float[] v) {
        return new ProposedMemory(new MemoryCandidate(content, MemoryType.DECISION, 0.9, Map.of(), List.of(), 0, 5),
                v);
    }
}
