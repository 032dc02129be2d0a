package dev.engram.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.errors.ReviewConflict;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.process.ProcessStage;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.testing.Await;
import dev.engram.testing.TestJobs;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A confirmation that races the expiry or a rejection of the same memory: whichever commits first wins, and an
 * expired or rejected memory is never saved and flipped to confirmed.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ConfirmRaceTest {

    private static final String TEXT = "Action item: Priya to update the roadmap by 2024-02-20.";

    @Inject
    JobStore jobs;
    @Inject
    ProcessStage chunks;
    @Inject
    ConfirmService confirm;
    @Inject
    ReviewService review;
    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    @Test
    void aMemoryExpiredWhileItsConfirmationRanIsNotSaved() throws Exception {
        assertRacedChangeWins("expired");
    }

    @Test
    void aMemoryRejectedWhileItsConfirmationRanIsNotSaved() throws Exception {
        assertRacedChangeWins("rejected");
    }

    /** Another writer holds the memory's row, the confirmation starts, the other writer sets {@code status}. */
    private void assertRacedChangeWins(String status) throws Exception {
        Job job = TestJobs.processing(jobs, Users.fresh("mia"), 1, false);
        chunks.process(TestJobs.chunk(job, 0, TEXT, "UTC"), false);
        assertThat(jobs.find(job.taskId()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        UUID id = review.proposed(job.userId(), job.extractionId()).get(0).tempId();

        SqlConnection other = bridge.await(pool::getConnection);
        try {
            bridge.await(() -> other.query("BEGIN").execute());
            int otherPid = bridge.await(() -> other.query("SELECT pg_backend_pid() AS pid").execute())
                    .iterator().next().getInteger("pid");
            bridge.await(() -> other.preparedQuery("SELECT id FROM pending_memories WHERE id = $1 FOR UPDATE")
                    .execute(Tuple.of(id)));
            CompletableFuture<Object> confirming = CompletableFuture.supplyAsync(() -> {
                try {
                    return confirm.confirm(job.userId(), job.extractionId(),
                            new ConfirmRequest(List.of(id), List.of(), List.of()));
                } catch (ReviewConflict e) {
                    return e;
                }
            });
            Await.until("the confirmation to wait for the row lock", Duration.ofSeconds(20),
                    () -> bridge.await(() -> pool.preparedQuery(
                            "SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))")
                            .execute(Tuple.of(otherPid))).iterator().next().getLong("n"),
                    blocked -> blocked > 0);
            bridge.await(() -> other.preparedQuery("UPDATE pending_memories SET status = $2 WHERE id = $1")
                    .execute(Tuple.of(id, status)));
            bridge.await(() -> other.query("COMMIT").execute());

            Object outcome = confirming.get(30, TimeUnit.SECONDS);
            assertThat(outcome).as("the confirmation's answer").isInstanceOf(ReviewConflict.class);
        } finally {
            bridge.await(other::close);
        }
        String after = bridge.await(() -> pool.preparedQuery("SELECT status FROM pending_memories WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> rows.iterator().next().getString("status")));
        long saved = bridge.await(() -> pool.preparedQuery("SELECT count(*) AS n FROM memories WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> rows.iterator().next().getLong("n")));
        assertThat(after).isEqualTo(status);
        assertThat(saved).as("memories saved from it").isZero();
    }
}
