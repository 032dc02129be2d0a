package dev.engram.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobCompletion;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.split.SplitRequested;
import dev.engram.split.SplitStage;
import dev.engram.testing.Api;
import dev.engram.testing.AwsFaults;
import dev.engram.testing.PendingRows;
import dev.engram.testing.TestJobs;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** An extraction's review status leaves {@code processing} however its job ends, and expires with its memories. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ExtractionStatusSettlesTest {

    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    JobCompletion completion;
    @Inject
    SplitStage split;
    @Inject
    ExpireStage expiry;
    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    @Test
    void aJobWhoseSplitFailsLeavesItsExtractionWaitingForNobody() {
        String user = Users.fresh("lia");
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), user, "manual", null,
                "inputs/" + user + "/gone.txt", "text/plain", new JobOptions(List.of("all"), null, "UTC", false));
        jobs.create(job);

        split.split(SplitRequested.of(job.taskId(), user, job.inputKey()), false);

        Job failed = jobs.find(job.taskId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.extractionStatus()).isEqualTo(ExtractionStatus.PENDING_REVIEW);
    }

    @Test
    void aJobThatCannotBeQueuedSettlesItsExtraction() {
        String user = Users.fresh("lia");
        AwsFaults.inject("SendMessage", user, 1, () -> SqsException.builder().message("injected: service unavailable")
                .statusCode(503).build());

        Api.extract(user, Map.of("text", "Decided to ship on Friday.")).then().statusCode(503);

        Job failed = jobs.listForUser(user, 10, null).jobs().get(0);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.extractionStatus()).isEqualTo(ExtractionStatus.PENDING_REVIEW);
    }

    @Test
    void aCancelledJobSettlesItsExtraction() {
        Job job = TestJobs.processing(jobs, Users.fresh("lia"), 3, false);

        Api.as(job.userId()).post("/api/v1/jobs/{id}/cancel", job.taskId()).then().statusCode(200);

        Job cancelled = jobs.find(job.taskId()).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.extractionStatus()).isEqualTo(ExtractionStatus.PENDING_REVIEW);
    }

    @Test
    void anExtractionWhoseMemoriesAllExpiredIsExpired() {
        Job stale = finishedWith(List.of("3 days"));
        Job partly = finishedWith(List.of("3 days", "1 minute"));

        expiry.expireStale();

        assertThat(jobs.find(stale.taskId()).orElseThrow().extractionStatus()).isEqualTo(ExtractionStatus.EXPIRED);
        assertThat(jobs.find(partly.taskId()).orElseThrow().extractionStatus()).as("one memory still open")
                .isEqualTo(ExtractionStatus.PENDING_REVIEW);
    }

    /** A finished job waiting for review, with one pending memory per age given. */
    private Job finishedWith(List<String> ages) {
        Job job = TestJobs.processing(jobs, Users.fresh("lia"), 1, false);
        for (int i = 0; i < ages.size(); i++) {
            PendingRows.insert(pool, bridge, job, i, "pending", ages.get(i), "Sarah to prepare market research, part " + i);
        }
        chunkLedger.recordChunkDone(job.taskId(), 0, ages.size()).ifPresent(completion::finishIfComplete);
        assertThat(jobs.find(job.taskId()).orElseThrow().extractionStatus()).isEqualTo(ExtractionStatus.PENDING_REVIEW);
        return job;
    }
}
