package dev.engram.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobCompletion;
import dev.engram.progress.JobStore;
import dev.engram.testing.Api;
import dev.engram.testing.PendingRows;
import dev.engram.testing.TestJobs;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The expire stage on its own: what it expires, what it leaves, and that a second run changes nothing. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ExpireStageTest {

    @Inject
    ExpireStage expiry;
    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    JobCompletion completion;
    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    @Test
    void unreviewedMemoriesPastTheTtlExpireOnceAndEverythingElseStays() {
        Job job = TestJobs.processing(jobs, Users.fresh("lia"), 1, false);
        UUID stalePending = PendingRows.insert(pool, bridge, job, 0, "pending", "3 days", "Ann to renew the lease");
        UUID staleDuplicate = PendingRows.insert(pool, bridge, job, 1, "duplicate", "3 days", "Ann to renew lease");
        UUID staleRejected = PendingRows.insert(pool, bridge, job, 2, "rejected", "3 days", "Bo to order pizza");
        UUID staleConfirmed = PendingRows.insert(pool, bridge, job, 3, "confirmed", "3 days", "Cy to book a room");
        UUID fresh = PendingRows.insert(pool, bridge, job, 4, "pending", "1 minute", "Di to send the agenda");
        chunkLedger.recordChunkDone(job.taskId(), 0, 5).ifPresent(completion::finishIfComplete);

        assertThat(expiry.expireStale()).isGreaterThanOrEqualTo(2);

        assertThat(statuses(job)).containsExactlyInAnyOrderEntriesOf(Map.of(stalePending, "expired",
                staleDuplicate, "expired", staleRejected, "rejected", staleConfirmed, "confirmed", fresh, "pending"));
        assertThat(jobs.find(job.taskId()).orElseThrow().extractionStatus()).as("one memory is still open")
                .isEqualTo(ExtractionStatus.PENDING_REVIEW);
        assertThat(expiry.expireStale()).as("a second run").isZero();
        assertThat(statuses(job)).containsEntry(stalePending, "expired").containsEntry(fresh, "pending");
    }

    @Test
    void anExpiredMemoryCanNoLongerBeConfirmedButTheRestOfItsExtractionCan() {
        Job job = TestJobs.processing(jobs, Users.fresh("lia"), 1, false);
        UUID stale = PendingRows.insert(pool, bridge, job, 0, "pending", "3 days", "Ann to renew the lease");
        UUID fresh = PendingRows.insert(pool, bridge, job, 1, "pending", "1 minute", "Di to send the agenda");
        chunkLedger.recordChunkDone(job.taskId(), 0, 2).ifPresent(completion::finishIfComplete);
        expiry.expireStale();

        Api.as(job.userId()).contentType(ContentType.JSON).body(Map.of("confirmed_ids", List.of(stale)))
                .post("/api/v1/memories/extract/{id}/confirm", job.extractionId())
                .then().statusCode(409).body("detail", containsString("expired before it was reviewed"));
        Api.as(job.userId()).contentType(ContentType.JSON).body(Map.of("confirmed_ids", List.of(fresh)))
                .post("/api/v1/memories/extract/{id}/confirm", job.extractionId()).then().statusCode(200);
        assertThat(statuses(job)).containsEntry(stale, "expired").containsEntry(fresh, "confirmed");
    }

    private Map<UUID, String> statuses(Job job) {
        Map<UUID, String> out = new java.util.HashMap<>();
        bridge.await(() -> pool.preparedQuery("SELECT id, status FROM pending_memories WHERE job_id = $1")
                .execute(Tuple.of(job.taskId()))).forEach(r -> out.put(r.getUUID("id"), r.getString("status")));
        return out;
    }
}
