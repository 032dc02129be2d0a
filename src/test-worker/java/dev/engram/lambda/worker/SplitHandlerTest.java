package dev.engram.lambda.worker;

import static dev.engram.lambda.worker.ProcessHandlerTest.failures;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import dev.engram.platform.aws.BlobStore;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The split function, driven by {@code infra/events/split-ingest.json} and {@code split-s3-notification.json}. */
@QuarkusTest
@TestProfile(WorkerFunction.Split.class)
class SplitHandlerTest {

    @Inject
    JobStore jobs;
    @Inject
    BlobStore blobs;
    @Inject
    QueueSender queues;
    @Inject
    SqsClient sqs;
    @Inject
    SplitHandler handler;

    @Test
    void splitRequestForAStoredInputSendsChunkMessagesAndSetsTotalChunks() {
        Job job = Jobs.pending(jobs, "bob-" + UUID.randomUUID());
        blobs.put(job.inputKey(), longText().getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", Map.of());
        ObjectNode event = LambdaEvents.withSqsBodies(LambdaEvents.load("split-ingest.json"), body -> body
                .put("task_id", job.taskId()).put("user_id", job.userId()).put("key", job.inputKey()));

        assertThat(failures(MockLambda.invoke(event))).isEmpty();

        Job split = jobs.find(job.taskId()).orElseThrow();
        assertThat(split.state()).isEqualTo(JobState.PROCESSING);
        assertThat(split.splitDone()).isTrue();
        assertThat(split.totalChunks()).isGreaterThan(1);
        List<JsonNode> chunks = takeChunkMessages(job.taskId(), split.totalChunks());
        assertThat(chunks).extracting(c -> c.path("chunk").path("index").asInt())
                .containsExactlyInAnyOrderElementsOf(range(split.totalChunks()));
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.path("extraction_id").asText()).isEqualTo(job.extractionId());
            assertThat(c.path("user_id").asText()).isEqualTo(job.userId());
            assertThat(c.path("total_chunks").asInt()).isEqualTo(split.totalChunks());
        });
    }

    @Test
    void splitRequestDeliveredAgainAfterTheChunksWentOutSendsNothingMore() {
        Job job = Jobs.pending(jobs, "bob-" + UUID.randomUUID());
        blobs.put(job.inputKey(), longText().getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", Map.of());
        ObjectNode event = LambdaEvents.withSqsBodies(LambdaEvents.load("split-ingest.json"), body -> body
                .put("task_id", job.taskId()).put("user_id", job.userId()).put("key", job.inputKey()));

        assertThat(failures(MockLambda.invoke(event))).isEmpty();
        assertThat(failures(MockLambda.invoke(event))).isEmpty();

        int total = jobs.find(job.taskId()).orElseThrow().totalChunks();
        assertThat(takeChunkMessages(job.taskId(), total + 1)).hasSize(total);
    }

    @Test
    void s3NotificationForADroppedFileBecomesASplitJobOfTheFolderOwner() {
        String user = "alice-" + UUID.randomUUID();
        String key = "drop/" + user + "/notes.md";
        blobs.put(key, "# Notes\n\nAction item: Sarah to prepare market research by Feb 1.\n"
                .getBytes(StandardCharsets.UTF_8), "text/markdown", Map.of());
        ObjectNode event = LambdaEvents.withSqsBodies(LambdaEvents.load("split-s3-notification.json"), body -> {
            ObjectNode s3 = (ObjectNode) body.withArray("Records").get(0).path("s3");
            ((ObjectNode) s3.path("bucket")).put("name", blobs.bucket()).put("arn", "arn:aws:s3:::" + blobs.bucket());
            ((ObjectNode) s3.path("object")).put("key", key);
            return body;
        });

        assertThat(failures(MockLambda.invoke(event))).isEmpty();

        assertThat(jobs.listForUser(user, 10, null).jobs()).singleElement().satisfies(job -> {
            assertThat(job.inputKey()).isEqualTo(key);
            assertThat(job.state()).isEqualTo(JobState.PROCESSING);
            assertThat(job.totalChunks()).isEqualTo(1);
            assertThat(takeChunkMessages(job.taskId(), 1)).hasSize(1);
        });
    }

    @Test
    void aBatchWhoseInvocationTimeRunsOutFailsItsMessagesWithTheReasonInsteadOfBeingKilled() {
        Job first = Jobs.pending(jobs, "bob-" + UUID.randomUUID());
        Job second = Jobs.pending(jobs, "bob-" + UUID.randomUUID());
        for (Job job : List.of(first, second)) {
            blobs.put(job.inputKey(), longText().getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8",
                    Map.of());
        }

        // Lambda has 1.5 s left: not enough to split anything. Not their last delivery: both come back.
        SQSBatchResponse retried = handler.handleRequest(splitEvent(2, first, second), remaining(1_500));
        assertThat(retried.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder(first.taskId(), second.taskId());
        assertThat(jobs.find(first.taskId()).orElseThrow().state()).isEqualTo(JobState.PENDING);

        // Their last delivery: each job fails with the reason, and the messages go to the dead-letter queue.
        SQSBatchResponse last = handler.handleRequest(splitEvent(99, first, second), remaining(1_500));
        assertThat(last.getBatchItemFailures()).hasSize(2);
        for (Job job : List.of(first, second)) {
            Job failed = jobs.find(job.taskId()).orElseThrow();
            assertThat(failed.state()).isEqualTo(JobState.FAILED);
            assertThat(failed.error()).contains("time ran out");
        }
    }

    /** An SQS event of split requests for {@code jobs}, each received {@code receives} times (id: the task id). */
    private static SQSEvent splitEvent(int receives, Job... jobs) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Job job : jobs) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(job.taskId());
            m.setBody("{\"kind\":\"split_requested\",\"task_id\":\"" + job.taskId() + "\",\"user_id\":\""
                    + job.userId() + "\",\"key\":\"" + job.inputKey() + "\"}");
            m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receives)));
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** A Lambda context with {@code millis} of the invocation left. */
    private static Context remaining(int millis) {
        return new Context() {
            public String getAwsRequestId() {
                return "test-" + UUID.randomUUID();
            }

            public String getLogGroupName() {
                return "test";
            }

            public String getLogStreamName() {
                return "test";
            }

            public String getFunctionName() {
                return "split";
            }

            public String getFunctionVersion() {
                return "$LATEST";
            }

            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:000000000000:function:split";
            }

            public CognitoIdentity getIdentity() {
                return null;
            }

            public ClientContext getClientContext() {
                return null;
            }

            public int getRemainingTimeInMillis() {
                return millis;
            }

            public int getMemoryLimitInMB() {
                return 1024;
            }

            public LambdaLogger getLogger() {
                return null;
            }
        };
    }

    /** Receives the chunk messages of one job from the worker tests' own chunk queue (at most {@code max}). */
    private List<JsonNode> takeChunkMessages(String taskId, int max) {
        String url = queues.workQueueUrl(QueueNames.CHUNKS);
        List<JsonNode> found = new ArrayList<>();
        int emptyReceives = 0;
        while (found.size() < max && emptyReceives < 2) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            emptyReceives = batch.isEmpty() ? emptyReceives + 1 : 0;
            for (Message m : batch) {
                JsonNode body = LambdaEvents.parse(m.body());
                if (taskId.equals(body.path("task_id").asText())) {
                    found.add(body);
                }
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return found;
    }

    private static String longText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("Week ").append(i).append(" status: the team shipped feature ").append(i)
                    .append(". Action item: Maria to review release ").append(i).append(" by Friday.\n\n");
        }
        return text.toString();
    }

    private static List<Integer> range(int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }
}
