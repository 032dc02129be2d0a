package dev.engram.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.platform.queue.BatchProcessor;
import dev.engram.process.ProcessStage;
import dev.engram.platform.queue.QueueMessage;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.queue.QueueSettings;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.review.ReviewService;
import dev.engram.split.ChunkReady;
import dev.engram.testing.Await;
import dev.engram.testing.AwsFaults;
import dev.engram.testing.TestJobs;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** At-least-once delivery through the real local queues: redeliveries, poison chunks and the dead-letter queue. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ChunkDeliveryTest {

    private static final String TEXT = "Decided to move the launch to March. "
            + "Action item: Priya to update the roadmap by 2024-02-20.";

    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    QueueSender queues;
    @Inject
    QueueSettings queueSettings;
    @Inject
    SqsClient sqs;
    @Inject
    ReviewService review;
    @Inject
    BatchProcessor processor;
    @Inject
    ObjectMapper json;
    @Inject
    ProcessStage chunkProcessor;

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    @Test
    void aBatchWhoseCountMeetsTransactionConflictsIsCountedAndFinishesItsJob() throws Exception {
        Job job = processingJob(Users.fresh("jon"), 2);
        // DynamoDB cancels the batch's count and then the first count on its own: a concurrent writer on the job.
        var conflicts = AwsFaults.inject("TransactWriteItems", job.taskId(), 2,
                () -> AwsFaults.cancelled("None", "None", "TransactionConflict"));

        var outcome = chunkProcessor.consumeTogether(List.of(message("j0", chunk(job, 0, TEXT, "UTC")),
                message("j1", chunk(job, 1, "Decided to ship the beta on Monday.", "UTC"))));

        assertThat(conflicts).hasValue(2);
        assertThat(outcome.failed()).isEmpty();
        Job done = jobs.find(job.taskId()).orElseThrow();
        assertThat(done.chunksDone()).as("chunks counted").isEqualTo(2);
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.memoriesExtracted()).isEqualTo(review.proposed(job.userId(), job.extractionId()).size());
    }

    @Test
    void aChunkThatFailsForGoodOnAServiceErrorShowsAPlainReason() {
        Job job = processingJob(Users.fresh("kai"), 1);
        AwsFaults.inject("TransactWriteItems", job.taskId(), 1, () -> DynamoDbException.builder().statusCode(400)
                .message("User: arn:aws:sts::123456789012:assumed-role/engram-process/fn is not authorized").build());

        org.assertj.core.api.Assertions.catchThrowable(() -> chunkProcessor.process(chunk(job, 0, TEXT, "UTC"), true));

        Job failed = jobs.find(job.taskId()).orElseThrow();
        assertThat(failed.chunksFailed()).isEqualTo(1);
        assertThat(failed.error()).startsWith("chunk 0").doesNotContain("arn:", "123456789012");
    }

    @Test
    void redeliveredChunkDoesNotDuplicateMemoriesOrCounts() {
        Job job = processingJob(Users.fresh("carol"), 1);
        ChunkReady message = chunk(job, 0, TEXT, "UTC");
        queues.sendAll(QueueNames.CHUNKS, List.of(message, message, message));

        Job done = Await.until("job to complete", Duration.ofSeconds(60), () -> jobs.find(job.taskId()).orElseThrow(),
                j -> j.state().finished());
        Await.until("chunk queue to drain", Duration.ofSeconds(30), this::inFlight, n -> n == 0);
        Job after = jobs.find(job.taskId()).orElseThrow();

        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(after.chunksDone()).isEqualTo(1);
        assertThat(after.chunksFailed()).isZero();
        var memories = review.proposed(job.userId(), job.extractionId());
        assertThat(memories).isNotEmpty();
        assertThat(after.memoriesExtracted()).isEqualTo(memories.size());
        assertThat(memories).extracting(m -> m.tempId()).doesNotHaveDuplicates();
        assertThat(after.extractionStatus()).isEqualTo(ExtractionStatus.PENDING_REVIEW);
    }

    @Test
    void chunkThatAlwaysFailsEndsTheJobWithErrorsAndSitsInTheDeadLetterQueue() {
        Job job = processingJob(Users.fresh("dave"), 2);
        queues.sendAll(QueueNames.CHUNKS, List.of(chunk(job, 0, TEXT, "UTC"),
                chunk(job, 1, "Poison chunk: its options name a time zone that does not exist.", "Nowhere/Void")));

        Job finished = Await.until("job to finish", Duration.ofSeconds(90), () -> jobs.find(job.taskId()).orElseThrow(),
                j -> j.state().finished());

        assertThat(finished.state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
        assertThat(finished.chunksDone()).isEqualTo(1);
        assertThat(finished.chunksFailed()).isEqualTo(1);
        assertThat(finished.error()).contains("chunk 1").contains("Nowhere/Void");
        String dlq = queues.urlOf(queueSettings.deadLetterNameOf(QueueNames.CHUNKS));
        var dead = Await.until("the poison chunk in the DLQ", Duration.ofSeconds(30),
                () -> sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages(),
                list -> list.stream().anyMatch(m -> m.body().contains(job.taskId())));
        assertThat(dead.stream().filter(m -> m.body().contains(job.taskId()))).hasSize(1);
        dead.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(dlq).receiptHandle(m.receiptHandle())));
    }

    @Test
    void aTaskRepeatedInAnotherChunkIsMarkedDuplicateOfTheFirstNotDropped() {
        Job job = processingJob(Users.fresh("fay"), 2);
        String repeated = "Action item: Priya to update the roadmap by 2024-02-20.";
        queues.sendAll(QueueNames.CHUNKS, List.of(chunk(job, 0, "Kickoff. " + repeated, "UTC"),
                chunk(job, 1, "Recap. " + repeated + " Decided to hire two engineers.", "UTC")));
        Await.until("job to complete", Duration.ofSeconds(60), () -> jobs.find(job.taskId()).orElseThrow(),
                j -> j.state().finished());

        var tasks = review.proposed(job.userId(), job.extractionId()).stream()
                .filter(m -> m.memoryType().equals("task")).toList();
        assertThat(tasks).hasSize(2);
        var duplicates = tasks.stream().filter(t -> "duplicate".equals(t.status())).toList();
        assertThat(duplicates).hasSize(1);
        var original = tasks.stream().filter(t -> "pending".equals(t.status())).findFirst().orElseThrow();
        assertThat(duplicates.get(0).duplicateOf()).isEqualTo(original.tempId());
    }

    @Test
    void aBatchIsStoredAndCountedTogetherOnceAndItsOddMessagesAloneFail() throws Exception {
        Job first = processingJob(Users.fresh("gus"), 3);
        Job second = processingJob(Users.fresh("hana"), 1);
        // Chunk 2 of the first job was processed before, on its own: a redelivery in the batch must not count again.
        processor.process(QueueNames.CHUNKS, List.of(message("early", chunk(first, 2, TEXT, "UTC"))));
        ChunkReady a0 = chunk(first, 0, "Decided to freeze the API on Friday.", "UTC");
        List<QueueMessage> batch = List.of(message("a0", a0), message("a1", chunk(first, 1, TEXT, "UTC")),
                message("a0-again", a0), message("a2-again", chunk(first, 2, TEXT, "UTC")),
                message("b0", chunk(second, 0, TEXT, "UTC")),
                new QueueMessage("garbage", "{\"task_id\": 42, \"chunk\": [", 1, false));

        var outcome = chunkProcessor.consumeTogether(batch);
        assertThat(outcome.oneByOne()).as("left to run alone").extracting(QueueMessage::messageId)
                .containsExactly("garbage");
        assertThat(outcome.failed()).isEmpty();

        Job a = jobs.find(first.taskId()).orElseThrow();
        assertThat(a.state()).isEqualTo(JobState.COMPLETED);
        assertThat(a.chunksDone()).isEqualTo(3);
        var memories = review.proposed(first.userId(), first.extractionId());
        assertThat(a.memoriesExtracted()).isEqualTo(memories.size());
        assertThat(memories).extracting(m -> m.content()).contains("Decided to freeze the API on Friday.");
        // Chunks 1 and 2 carry the same text: the later chunk's memories are marked duplicates, none is lost.
        assertThat(memories.stream().filter(m -> "duplicate".equals(m.status()))).isNotEmpty();
        Job b = jobs.find(second.taskId()).orElseThrow();
        assertThat(b.state()).isEqualTo(JobState.COMPLETED);
        assertThat(b.chunksDone()).isEqualTo(1);
        assertThat(b.memoriesExtracted()).isEqualTo(review.proposed(second.userId(), second.extractionId()).size());

        // The whole batch again (SQS redelivers after a lost acknowledgement): nothing changes.
        assertThat(processor.process(QueueNames.CHUNKS, batch)).containsExactly("garbage");
        Job again = jobs.find(first.taskId()).orElseThrow();
        assertThat(again.chunksDone()).isEqualTo(3);
        assertThat(again.memoriesExtracted()).isEqualTo(a.memoriesExtracted());
        assertThat(review.proposed(first.userId(), first.extractionId())).hasSameSizeAs(memories);
    }

    @Test
    void aRedrivenChunkThatHadFailedIsCountedDoneInABatchWithoutRedoingIt() throws Exception {
        Job job = processingJob(Users.fresh("ida"), 2);
        assertThat(chunkLedger.recordChunkFailed(job.taskId(), 1, "provider down")).isPresent();

        var outcome = chunkProcessor.consumeTogether(List.of(message("c0", chunk(job, 0, TEXT, "UTC")),
                message("c1", chunk(job, 1, "Decided to ship the beta on Monday.", "UTC"))));

        assertThat(outcome.oneByOne()).isEmpty();
        assertThat(outcome.failed()).isEmpty();
        Job done = jobs.find(job.taskId()).orElseThrow();
        assertThat(done.chunksDone()).isEqualTo(2);
        assertThat(done.chunksFailed()).isZero();
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.memoriesExtracted()).isEqualTo(review.proposed(job.userId(), job.extractionId()).size());
    }

    private QueueMessage message(String id, ChunkReady chunk) throws Exception {
        return new QueueMessage(id, json.writeValueAsString(chunk), 1, false);
    }

    private int inFlight() {
        String url = queues.workQueueUrl(QueueNames.CHUNKS);
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private Job processingJob(String user, int chunks) {
        return TestJobs.processing(jobs, user, chunks, false);
    }

    private static ChunkReady chunk(Job job, int index, String text, String zone) {
        return TestJobs.chunk(job, index, text, zone);
    }
}
