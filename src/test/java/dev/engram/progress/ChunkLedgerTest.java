package dev.engram.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.testing.AwsFaults;
import dev.engram.testing.TestJobs;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Counting chunks against the real DynamoDB Local: once per chunk, and a job finishes once per outcome. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ChunkLedgerTest {

    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    DynamoDbClient dynamo;

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    private Job started(int chunks) {
        return TestJobs.processing(jobs, Users.fresh("erin"), chunks, false);
    }

    @Test
    void redrivenChunksLiftAFailedJobStepByStep() {
        Job job = started(2);
        chunkLedger.recordChunkFailed(job.taskId(), 0, "provider down").ifPresent(jobs::finishIfComplete);
        var failed = chunkLedger.recordChunkFailed(job.taskId(), 1, "provider down").flatMap(jobs::finishIfComplete);
        assertThat(failed).get().extracting(Job::state).isEqualTo(JobState.FAILED);
        assertThat(chunkLedger.recordChunkFailed(job.taskId(), 1, "again")).as("a failure counted twice").isEmpty();
        assertThat(chunkLedger.failedChunkReason(job.taskId(), 1)).hasValue("provider down");

        var partly = chunkLedger.recordChunkDone(job.taskId(), 0, 3).flatMap(jobs::finishIfComplete);
        assertThat(partly).get().satisfies(j -> {
            assertThat(j.state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
            assertThat(j.chunksDone()).isEqualTo(1);
            assertThat(j.chunksFailed()).isEqualTo(1);
        });
        assertThat(chunkLedger.failedChunkReason(job.taskId(), 0)).as("a chunk that succeeded since").isEmpty();
        var complete = chunkLedger.recordChunkDone(job.taskId(), 1, 2).flatMap(jobs::finishIfComplete);
        assertThat(complete).get().satisfies(j -> {
            assertThat(j.state()).isEqualTo(JobState.COMPLETED);
            assertThat(j.error()).isNull();
            assertThat(j.memoriesExtracted()).isEqualTo(5);
        });
        assertThat(chunkLedger.recordChunkDone(job.taskId(), 1, 2)).as("a success counted twice").isEmpty();
        assertThat(jobs.finishIfComplete(jobs.find(job.taskId()).orElseThrow())).as("finished twice").isEmpty();
    }

    @Test
    void markersKeepTheirWireOutcomesAndTellWhichChunksAreDone() {
        Job job = started(3);
        chunkLedger.recordChunksDone(job.taskId(), Map.of(0, 1));
        chunkLedger.recordChunkFailed(job.taskId(), 1, "provider down");

        assertThat(outcome(job, 0)).isEqualTo("done");
        assertThat(outcome(job, 1)).isEqualTo("failed");
        var states = chunkLedger.chunkStates(Map.of(job.taskId(), java.util.List.of(0, 1, 2))).get(job.taskId());
        assertThat(states.get(0).chunkDone()).isTrue();
        assertThat(states.get(1).chunkDone()).as("a failed chunk is not done").isFalse();
        assertThat(states.get(2).chunkDone()).isFalse();
        assertThat(states.get(2).job()).get().extracting(Job::chunksDone, Job::chunksFailed).containsExactly(1, 1);
    }

    @Test
    void aTransactionConflictIsRetriedNotTakenForAChunkAlreadyCounted() {
        Job job = started(3);
        var conflicts = AwsFaults.inject("TransactWriteItems", job.taskId(), 3,
                () -> AwsFaults.cancelled("None", "TransactionConflict"));

        assertThat(chunkLedger.recordChunkDone(job.taskId(), 0, 2)).as("counted after the conflict")
                .get().extracting(Job::chunksDone).isEqualTo(1);
        assertThat(chunkLedger.recordChunkFailed(job.taskId(), 1, "provider down"))
                .as("failure counted after the conflict").get().extracting(Job::chunksFailed).isEqualTo(1);
        var last = chunkLedger.recordChunksDone(job.taskId(), Map.of(2, 1));
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

        assertThatThrownBy(() -> chunkLedger.recordChunkDone(job.taskId(), 0, 1))
                .isInstanceOf(CountNotRecordedException.class);
        assertThatThrownBy(() -> chunkLedger.recordChunkFailed(job.taskId(), 1, "x"))
                .isInstanceOf(CountNotRecordedException.class);
        assertThatThrownBy(() -> chunkLedger.recordChunksDone(job.taskId(), Map.of(0, 1, 1, 1)))
                .isInstanceOf(CountNotRecordedException.class);

        AwsFaults.clear();
        assertThat(chunkLedger.recordChunksDone(job.taskId(), Map.of(0, 1, 1, 1))).as("the redelivery counts them")
                .flatMap(jobs::finishIfComplete).get().extracting(Job::state).isEqualTo(JobState.COMPLETED);
    }

    private String outcome(Job job, int chunk) {
        return dynamo.getItem(b -> b.tableName(jobs.table()).key(JobItems.chunkKey(job.taskId(), chunk))
                .consistentRead(true)).item().get("outcome").s();
    }
}
