package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.admin.DeadLetterSweeper;
import dev.engram.admin.FakeSns;
import dev.engram.admin.FakeSnsResource;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.queue.QueueSettings;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.Job;
import dev.engram.progress.JobStore;
import dev.engram.split.Chunk;
import dev.engram.split.ChunkReady;
import dev.engram.progress.JobOptions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The dead-letter sweep function, driven by {@code infra/events/dlq-sweep-schedule.json}. */
@QuarkusTest
@TestProfile(WorkerFunction.DeadLetterSweep.class)
class DeadLetterSweepHandlerTest {

    @FakeSnsResource.Inject
    FakeSns sns;
    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    QueueSender queues;
    @Inject
    QueueSettings settings;
    @Inject
    SqsClient sqs;
    @Inject
    ObjectMapper json;

    @BeforeEach
    void emptyQueues() {
        sqs.purgeQueue(b -> b.queueUrl(dlq()));
        sqs.purgeQueue(b -> b.queueUrl(queues.workQueueUrl(QueueNames.CHUNKS)));
    }

    @Test
    void aTransientDeadLetterGoesBackToItsWorkQueueAfterItsBackoff() throws Exception {
        Job job = Jobs.split(jobs, "erin-" + UUID.randomUUID(), 1);
        chunkLedger.recordChunkFailed(job.taskId(), 0, "the LLM provider is rate limiting (429)");
        String body = deadLetter(job);

        MockLambda.Invocation result = MockLambda.invoke(LambdaEvents.load("dlq-sweep-schedule.json"));

        assertThat(result.status()).as(result.output()).isEqualTo(200);
        assertThat(result.json().path("stage").asText()).isEqualTo("dlq-sweep");
        assertThat(result.json().path("changed").asInt()).isEqualTo(1);
        List<Message> back = sqs.receiveMessage(b -> b.queueUrl(queues.workQueueUrl(QueueNames.CHUNKS))
                .waitTimeSeconds(5).messageAttributeNames("All")).messages();
        assertThat(back).hasSize(1);
        assertThat(back.get(0).body()).isEqualTo(body);
        assertThat(back.get(0).messageAttributes().get(DeadLetterSweeper.RETRY_ATTRIBUTE).stringValue())
                .isEqualTo("1");
        assertThat(sns.published()).noneMatch(p -> p.get("Message").contains(job.taskId()));
    }

    @Test
    void aPermanentDeadLetterIsPublishedToTheAlarmTopicOnce() throws Exception {
        Job job = Jobs.split(jobs, "erin-" + UUID.randomUUID(), 1);
        chunkLedger.recordChunkFailed(job.taskId(), 0, "the document could not be read: the PDF is encrypted");
        deadLetter(job);

        MockLambda.invoke(LambdaEvents.load("dlq-sweep-schedule.json"));
        MockLambda.Invocation again = MockLambda.invoke(LambdaEvents.load("dlq-sweep-schedule.json"));

        assertThat(again.status()).as(again.output()).isEqualTo(200);
        assertThat(again.json().path("changed").asInt()).isZero();
        List<Map<String, String>> published = sns.published().stream()
                .filter(p -> p.get("Message").contains(job.taskId())).toList();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).get("Message")).contains(job.userId()).contains("encrypted");
    }

    private String deadLetter(Job job) throws Exception {
        Chunk c = new Chunk(0, "Sarah to prepare market research by Feb 1.", 0, 42, 0, null, null, null, 10);
        String body = json.writeValueAsString(new ChunkReady(job.taskId(), job.extractionId(), job.userId(), 1, c,
                new JobOptions(List.of("all"), "2024-01-15", "UTC", false)));
        sqs.sendMessage(b -> b.queueUrl(dlq()).messageBody(body));
        return body;
    }

    private String dlq() {
        return queues.urlOf(settings.deadLetterNameOf(QueueNames.CHUNKS));
    }
}
