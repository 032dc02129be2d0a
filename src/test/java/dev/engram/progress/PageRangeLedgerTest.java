package dev.engram.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.AwsFaults;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Page ranges of a big PDF against the real DynamoDB Local: each counted once, the job held until all are. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class PageRangeLedgerTest {

    @Inject
    JobStore jobs;
    @Inject
    PageRangeLedger pageRanges;
    @Inject
    ChunkLedger chunkLedger;

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    private Job pdf() {
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), Users.fresh("erin"), "file", "big.pdf", "k", null,
                new JobOptions(List.of("all"), null, "UTC", false));
        jobs.create(job);
        return job;
    }

    @Test
    void pageRangesHoldTheFinishUntilEveryRangeIsCounted() {
        Job job = pdf();
        assertThat(pageRanges.planRanges(job.taskId(), 2, 80)).isTrue();
        assertThat(pageRanges.planRanges(job.taskId(), 2, 80)).isFalse();
        assertThat(jobs.find(job.taskId())).get().extracting(Job::stage).isEqualTo(JobStage.PARSING);
        pageRanges.recordRange(job.taskId(), 0, 1, 50);
        var afterChunk = chunkLedger.recordChunkDone(job.taskId(), 0, 1).orElseThrow();
        assertThat(afterChunk.pages().parsing()).isTrue();
        assertThat(afterChunk.stage()).isEqualTo(JobStage.EXTRACTING);
        assertThat(jobs.finishIfComplete(afterChunk)).as("finished before the last range").isEmpty();
        assertThat(pageRanges.recordRange(job.taskId(), 0, 1, 50)).as("a range counted twice").isEmpty();
        var last = pageRanges.recordRange(job.taskId(), 1, 0, 30).orElseThrow();
        assertThat(last.pages().pagesDone()).isEqualTo(80);
        assertThat(jobs.finishIfComplete(last)).get().extracting(Job::state).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aRangeIsSentOnlyOnceItIsRecorded() {
        Job job = pdf();
        pageRanges.planRanges(job.taskId(), 2, 20);
        pageRanges.markRangeSent(job.taskId(), 0);
        assertThat(pageRanges.isRangeSent(job.taskId(), 0)).as("sent before it was recorded").isFalse();
        pageRanges.recordRange(job.taskId(), 0, 2, 10);
        assertThat(pageRanges.isRangeSent(job.taskId(), 0)).isFalse();
        pageRanges.markRangeSent(job.taskId(), 0);
        assertThat(pageRanges.isRangeSent(job.taskId(), 0)).isTrue();
        assertThat(pageRanges.isRangeSent(job.taskId(), 1)).isFalse();
    }

    @Test
    void aConflictOnAPageRangeIsRetriedSoTheJobCanFinish() {
        Job job = pdf();
        assertThat(pageRanges.planRanges(job.taskId(), 1, 10)).isTrue();
        AwsFaults.inject("TransactWriteItems", job.taskId(), 1, () -> AwsFaults.cancelled("TransactionConflict", "None"));

        var ranged = pageRanges.recordRange(job.taskId(), 0, 1, 10);
        assertThat(ranged).as("the range is recorded after the conflict").get()
                .satisfies(j -> assertThat(j.pages().parsing()).isFalse());
        assertThat(chunkLedger.recordChunkDone(job.taskId(), 0, 1).flatMap(jobs::finishIfComplete)).get()
                .extracting(Job::state).isEqualTo(JobState.COMPLETED);
    }
}
