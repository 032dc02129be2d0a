package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.review.ExtractedMemory;
import dev.engram.review.ReviewService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The process function, driven by {@code infra/events/process-chunk.json}. */
@QuarkusTest
@TestProfile(WorkerFunction.Process.class)
class ProcessHandlerTest {

    @Inject
    JobStore jobs;
    @Inject
    ReviewService review;

    @Test
    void chunkOfAnExistingJobStoresPendingMemoriesAndCompletesTheJob() {
        Job job = Jobs.split(jobs, "alice-" + UUID.randomUUID(), 1);

        MockLambda.Invocation result = MockLambda.invoke(chunkEventFor(job));

        assertThat(result.status()).isEqualTo(200);
        assertThat(failures(result)).isEmpty();
        Job done = jobs.find(job.taskId()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.extractionStatus()).isEqualTo(ExtractionStatus.PENDING_REVIEW);
        assertThat(done.chunksDone()).isEqualTo(1);
        List<ExtractedMemory> memories = review.proposed(job.userId(), job.extractionId());
        assertThat(memories).isNotEmpty().allSatisfy(m -> assertThat(m.status()).isEqualTo("pending"));
        assertThat(done.memoriesExtracted()).isEqualTo(memories.size());
        assertThat(memories).filteredOn(m -> m.memoryType().equals("task")).singleElement()
                .satisfies(task -> assertThat(task.metadata()).containsEntry("assignee", "Sarah")
                        .containsEntry("due_date", "2024-02-01"));
    }

    @Test
    void chunkDeliveredTwiceIsCountedOnce() {
        Job job = Jobs.split(jobs, "alice-" + UUID.randomUUID(), 1);
        ObjectNode event = chunkEventFor(job);

        assertThat(failures(MockLambda.invoke(event))).isEmpty();
        int memoriesAfterFirst = review.proposed(job.userId(), job.extractionId()).size();
        assertThat(failures(MockLambda.invoke(event))).isEmpty();

        Job after = jobs.find(job.taskId()).orElseThrow();
        assertThat(after.state()).isEqualTo(JobState.COMPLETED);
        assertThat(after.chunksDone()).isEqualTo(1);
        assertThat(after.chunksFailed()).isZero();
        assertThat(after.memoriesExtracted()).isEqualTo(memoriesAfterFirst);
        assertThat(review.proposed(job.userId(), job.extractionId())).hasSize(memoriesAfterFirst);
    }

    @Test
    void recordWithAGarbageBodyIsTheOnlyBatchItemFailure() {
        Job job = Jobs.split(jobs, "alice-" + UUID.randomUUID(), 1);
        String garbageId = UUID.randomUUID().toString();
        ObjectNode event = LambdaEvents.withExtraSqsRecord(chunkEventFor(job), garbageId, "{\"chunk\": not json");

        MockLambda.Invocation result = MockLambda.invoke(event);

        assertThat(result.status()).isEqualTo(200);
        assertThat(failures(result)).containsExactly(garbageId);
        assertThat(jobs.find(job.taskId()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    private static ObjectNode chunkEventFor(Job job) {
        return LambdaEvents.withSqsBodies(LambdaEvents.load("process-chunk.json"), body -> body
                .put("task_id", job.taskId()).put("extraction_id", job.extractionId()).put("user_id", job.userId()));
    }

    static List<String> failures(MockLambda.Invocation result) {
        assertThat(result.status()).as("handler answer: %s", result.output()).isEqualTo(200);
        JsonNode failures = result.json().path("batchItemFailures");
        assertThat(failures.isArray()).as("batchItemFailures in %s", result.output()).isTrue();
        return failures.findValuesAsText("itemIdentifier");
    }
}
