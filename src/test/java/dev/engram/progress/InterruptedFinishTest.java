package dev.engram.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.platform.queue.QueueMessage;
import dev.engram.platform.schedule.ScheduledStage;
import dev.engram.process.ProcessStage;
import dev.engram.split.SplitRequested;
import dev.engram.split.SplitStage;
import dev.engram.testing.TestJobs;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.arc.All;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker that dies between counting a job's last chunk (or marking its last page range sent) and finishing the job
 * leaves it processing with every chunk accounted for. The redelivery and the schedule must finish it.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class InterruptedFinishTest {

    private static final String TEXT = "Decided to move the launch to March.";

    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    PageRangeLedger pageRanges;
    @Inject
    ProcessStage chunks;
    @Inject
    SplitStage split;
    @Inject
    ObjectMapper json;
    @Inject
    @All
    List<ScheduledStage> schedule;

    @Test
    void aRedeliveredLastChunkFinishesTheJobItsCrashedDeliveryCounted() {
        Job job = TestJobs.processing(jobs, Users.fresh("kim"), 1, false);
        // The first delivery counted the chunk and died before finishing the job.
        assertThat(chunkLedger.recordChunkDone(job.taskId(), 0, 0)).isPresent();

        chunks.process(TestJobs.chunk(job, 0, TEXT, "UTC"), false);

        Job after = jobs.find(job.taskId()).orElseThrow();
        assertThat(after.state()).isEqualTo(JobState.COMPLETED);
        assertThat(after.extractionStatus()).isEqualTo(ExtractionStatus.PENDING_REVIEW);
    }

    @Test
    void aRedeliveredLastChunkInABatchFinishesTheJobToo() throws Exception {
        Job job = TestJobs.processing(jobs, Users.fresh("kim"), 2, false);
        assertThat(chunkLedger.recordChunksDone(job.taskId(), java.util.Map.of(0, 0, 1, 0))).isPresent();

        chunks.consumeTogether(List.of(new QueueMessage("k1",
                json.writeValueAsString(TestJobs.chunk(job, 1, TEXT, "UTC")), 2, false)));

        assertThat(jobs.find(job.taskId()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aRedeliveredPageRangeFinishesTheJobWhenEveryRangeAndChunkIsCounted() {
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), Users.fresh("kim"), "file", "big.pdf",
                "inputs/none/big.pdf", "application/pdf", new JobOptions(List.of("all"), null, "UTC", false));
        jobs.create(job);
        assertThat(pageRanges.planRanges(job.taskId(), 2, 10)).isTrue();
        pageRanges.recordRange(job.taskId(), 0, 1, 5);
        pageRanges.markRangeSent(job.taskId(), 0);
        chunkLedger.recordChunkDone(job.taskId(), 0, 1);
        // The last range had no text: it was counted and marked sent, then the worker died before the finish.
        pageRanges.recordRange(job.taskId(), 1, 0, 5);
        pageRanges.markRangeSent(job.taskId(), 1);

        split.split(SplitRequested.of(job.taskId(), job.userId(), job.inputKey())
                .forRange(new SplitRequested.PageRange(1, 6, 10)), false);

        assertThat(jobs.find(job.taskId()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void theScheduleFinishesAJobWhoseLastDeliveryWasAcknowledgedBeforeTheFinish() {
        Job complete = TestJobs.processing(jobs, Users.fresh("kim"), 2, false);
        chunkLedger.recordChunkDone(complete.taskId(), 0, 1);
        chunkLedger.recordChunkFailed(complete.taskId(), 1, "provider down");
        Job waiting = TestJobs.processing(jobs, Users.fresh("kim"), 2, false);
        chunkLedger.recordChunkDone(waiting.taskId(), 0, 1);

        schedule.forEach(ScheduledStage::run);

        Job finished = jobs.find(complete.taskId()).orElseThrow();
        assertThat(finished.state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
        assertThat(finished.extractionStatus()).isEqualTo(ExtractionStatus.PENDING_REVIEW);
        assertThat(jobs.find(waiting.taskId()).orElseThrow().state()).as("a job still waiting for a chunk")
                .isEqualTo(JobState.PROCESSING);
    }
}
