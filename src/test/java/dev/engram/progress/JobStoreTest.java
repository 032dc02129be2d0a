package dev.engram.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.testing.AwsFaults;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Counting and finishing against the real DynamoDB Local: once per chunk, once per outcome. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class JobStoreTest {

    @Inject
    JobStore jobs;

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    private Job started(int chunks) {
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), Users.fresh("erin"), "manual", null, "k", "text/plain",
                new JobOptions(List.of("all"), null, "UTC", false));
        assertThat(jobs.create(job)).isTrue();
        assertThat(jobs.create(job)).as("a second create of the same job").isFalse();
        assertThat(jobs.startProcessing(job.taskId(), chunks, "text/plain")).isTrue();
        return job;
    }

    @Test
    void redrivenChunksLiftAFailedJobStepByStep() {
        Job job = started(2);
        jobs.recordChunkFailed(job.taskId(), 0, "provider down").ifPresent(jobs::finishIfComplete);
        var failed = jobs.recordChunkFailed(job.taskId(), 1, "provider down").flatMap(jobs::finishIfComplete);
        assertThat(failed).get().extracting(Job::state).isEqualTo(JobState.FAILED);
        assertThat(jobs.recordChunkFailed(job.taskId(), 1, "again")).as("a failure counted twice").isEmpty();

        var partly = jobs.recordChunkDone(job.taskId(), 0, 3).flatMap(jobs::finishIfComplete);
        assertThat(partly).get().satisfies(j -> {
            assertThat(j.state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
            assertThat(j.chunksDone()).isEqualTo(1);
            assertThat(j.chunksFailed()).isEqualTo(1);
        });
        var complete = jobs.recordChunkDone(job.taskId(), 1, 2).flatMap(jobs::finishIfComplete);
        assertThat(complete).get().satisfies(j -> {
            assertThat(j.state()).isEqualTo(JobState.COMPLETED);
            assertThat(j.error()).isNull();
            assertThat(j.memoriesExtracted()).isEqualTo(5);
        });
        assertThat(jobs.recordChunkDone(job.taskId(), 1, 2)).as("a success counted twice").isEmpty();
        assertThat(jobs.finishIfComplete(jobs.find(job.taskId()).orElseThrow())).as("finished twice").isEmpty();
    }

    @Test
    void aCancelledJobNeverFinishesAndCannotBeCancelledTwice() {
        Job job = started(1);
        assertThat(jobs.cancel(job.taskId())).isTrue();
        assertThat(jobs.cancel(job.taskId())).isFalse();
        var counted = jobs.recordChunkDone(job.taskId(), 0, 1);
        assertThat(counted.flatMap(jobs::finishIfComplete)).isEmpty();
        assertThat(jobs.find(job.taskId()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void pageRangesHoldTheFinishUntilEveryRangeIsCounted() {
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), Users.fresh("erin"), "file", "big.pdf", "k", null,
                new JobOptions(List.of("all"), null, "UTC", false));
        jobs.create(job);
        assertThat(jobs.planRanges(job.taskId(), 2, 80)).isTrue();
        assertThat(jobs.planRanges(job.taskId(), 2, 80)).isFalse();
        jobs.recordRange(job.taskId(), 0, 1, 50);
        var afterChunk = jobs.recordChunkDone(job.taskId(), 0, 1).orElseThrow();
        assertThat(afterChunk.pages().parsing()).isTrue();
        assertThat(jobs.finishIfComplete(afterChunk)).as("finished before the last range").isEmpty();
        assertThat(jobs.recordRange(job.taskId(), 0, 1, 50)).as("a range counted twice").isEmpty();
        var last = jobs.recordRange(job.taskId(), 1, 0, 30).orElseThrow();
        assertThat(last.pages().pagesDone()).isEqualTo(80);
        assertThat(jobs.finishIfComplete(last)).get().extracting(Job::state).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aTransactionConflictIsRetriedNotTakenForAChunkAlreadyCounted() {
        Job job = started(3);
        var conflicts = AwsFaults.inject("TransactWriteItems", job.taskId(), 3,
                () -> AwsFaults.cancelled("None", "TransactionConflict"));

        assertThat(jobs.recordChunkDone(job.taskId(), 0, 2)).as("counted after the conflict")
                .get().extracting(Job::chunksDone).isEqualTo(1);
        assertThat(jobs.recordChunkFailed(job.taskId(), 1, "provider down")).as("failure counted after the conflict")
                .get().extracting(Job::chunksFailed).isEqualTo(1);
        var last = jobs.recordChunksDone(job.taskId(), Map.of(2, 1));
        assertThat(conflicts).hasValue(3);
        assertThat(last).as("batch counted after the conflict").get().satisfies(j -> {
            assertThat(j.chunksDone()).isEqualTo(2);
            assertThat(j.memoriesExtracted()).isEqualTo(3);
        });
        assertThat(last.flatMap(jobs::finishIfComplete)).get().extracting(Job::state)
                .isEqualTo(JobState.COMPLETED_WITH_ERRORS);
    }

    @Test
    void throttlingThatOutlastsTheRetriesFailsTheCountInsteadOfDroppingIt() {
        Job job = started(2);
        AwsFaults.inject("TransactWriteItems", job.taskId(), 1_000,
                () -> AwsFaults.cancelled("ThrottlingError", "ThrottlingError"));

        assertThatThrownBy(() -> jobs.recordChunkDone(job.taskId(), 0, 1))
                .isInstanceOf(CountNotRecordedException.class);
        assertThatThrownBy(() -> jobs.recordChunkFailed(job.taskId(), 1, "x"))
                .isInstanceOf(CountNotRecordedException.class);
        assertThatThrownBy(() -> jobs.recordChunksDone(job.taskId(), Map.of(0, 1, 1, 1)))
                .isInstanceOf(CountNotRecordedException.class);

        AwsFaults.clear();
        assertThat(jobs.recordChunksDone(job.taskId(), Map.of(0, 1, 1, 1))).as("the redelivery counts them")
                .flatMap(jobs::finishIfComplete).get().extracting(Job::state).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aConflictOnAPageRangeIsRetriedSoTheJobCanFinish() {
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), Users.fresh("erin"), "file", "big.pdf", "k", null,
                new JobOptions(List.of("all"), null, "UTC", false));
        jobs.create(job);
        assertThat(jobs.planRanges(job.taskId(), 1, 10)).isTrue();
        AwsFaults.inject("TransactWriteItems", job.taskId(), 1, () -> AwsFaults.cancelled("TransactionConflict", "None"));

        var ranged = jobs.recordRange(job.taskId(), 0, 1, 10);
        assertThat(ranged).as("the range is recorded after the conflict").get()
                .satisfies(j -> assertThat(j.pages().parsing()).isFalse());
        assertThat(jobs.recordChunkDone(job.taskId(), 0, 1).flatMap(jobs::finishIfComplete)).get()
                .extracting(Job::state).isEqualTo(JobState.COMPLETED);
    }
}
