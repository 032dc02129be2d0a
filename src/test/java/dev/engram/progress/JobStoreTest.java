package dev.engram.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Job records against the real DynamoDB Local: created once, moved through their states once. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class JobStoreTest {

    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    DynamoDbClient dynamo;

    private Job accepted() {
        return Job.accepted(JobIds.taskId(JobIds.newBody()), Users.fresh("erin"), "manual", null, "k", "text/plain",
                new JobOptions(List.of("all"), null, "UTC", false));
    }

    @Test
    void aJobIsCreatedOnceAndStoredWithItsWireNames() {
        Job job = accepted();
        assertThat(jobs.create(job)).isTrue();
        assertThat(jobs.create(job)).as("a second create of the same job").isFalse();
        assertThat(stored(job)).containsEntry("state", "pending").containsEntry("stage", "queued")
                .containsEntry("extraction_status", "processing");

        assertThat(jobs.startProcessing(job.taskId(), 1, "text/plain")).isTrue();
        assertThat(stored(job)).containsEntry("state", "processing").containsEntry("stage", "extracting");
        assertThat(jobs.find(job.taskId())).get().satisfies(j -> {
            assertThat(j.state()).isEqualTo(JobState.PROCESSING);
            assertThat(j.stage()).isEqualTo(JobStage.EXTRACTING);
        });
    }

    @Test
    void aCancelledJobNeverFinishesAndCannotBeCancelledTwice() {
        Job job = accepted();
        jobs.create(job);
        assertThat(jobs.startProcessing(job.taskId(), 1, "text/plain")).isTrue();
        assertThat(jobs.cancel(job.taskId())).isTrue();
        assertThat(jobs.cancel(job.taskId())).isFalse();
        var counted = chunkLedger.recordChunkDone(job.taskId(), 0, 1);
        assertThat(counted.flatMap(jobs::finishIfComplete)).isEmpty();
        assertThat(jobs.find(job.taskId()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(stored(job)).containsEntry("state", "cancelled").containsEntry("stage", "done")
                .containsEntry("extraction_status", "pending_review");
    }

    @Test
    void aFailedJobStaysFailedAndKeepsItsReason() {
        Job job = accepted();
        jobs.create(job);
        jobs.setStage(job.taskId(), JobStage.SPLITTING);
        assertThat(stored(job)).containsEntry("stage", "splitting");
        assertThat(jobs.fail(job.taskId(), "the input has no text to extract from")).isTrue();
        assertThat(jobs.fail(job.taskId(), "again")).as("failed twice").isFalse();
        assertThat(jobs.cancel(job.taskId())).as("a failed job cancelled").isFalse();
        assertThat(stored(job)).containsEntry("state", "failed").containsEntry("stage", "done")
                .containsEntry("error", "the input has no text to extract from");
    }

    /** The job's record as DynamoDB holds it: its string attributes, as the chaos harness reads them. */
    private Map<String, String> stored(Job job) {
        var item = dynamo.getItem(b -> b.tableName(jobs.table()).key(JobItems.key(job.taskId())).consistentRead(true))
                .item();
        Map<String, String> strings = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.type() == AttributeValue.Type.S) {
                strings.put(name, value.s());
            }
        });
        return strings;
    }
}
