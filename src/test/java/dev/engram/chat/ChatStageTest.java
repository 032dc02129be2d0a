package dev.engram.chat;

import static dev.engram.chat.Chat.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.queue.QueueSettings;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.review.ExtractedMemory;
import dev.engram.review.ReviewService;
import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.AwsFaults;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** The chat stage on the local stack: from posted messages to pending memories of their job, once. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ChatStageTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    JobStore jobs;
    @Inject
    ReviewService review;
    @Inject
    ChatStage stage;
    @Inject
    QueueSender queues;
    @Inject
    QueueSettings settings;
    @Inject
    SqsClient sqs;

    @Test
    void userTaskBecomesAPendingTaskMemoryWhileThanksAndTheTwinAreSkipped() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        Response posted = Chat.post(alice, c, List.of(
                message("user", "Sarah will send the budget draft by Friday."),
                message("user", "thanks!"),
                message("twin", "Noted, I will remind you on Friday.")));
        assertThat(posted.statusCode()).as(posted.asString()).isEqualTo(201);
        String taskId = posted.path("task_id");

        Api.awaitFinished(alice, taskId, TIMEOUT);
        Job job = jobs.find(taskId).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.source()).isEqualTo("chat:" + c);
        assertThat(job.totalChunks()).isEqualTo(1);
        List<ExtractedMemory> proposed = review.proposed(alice, job.extractionId());
        assertThat(proposed).filteredOn(m -> m.memoryType().equals("task")).singleElement()
                .satisfies(task -> {
                    assertThat(task.status()).isEqualTo("pending");
                    assertThat(task.chunkIndex()).isEqualTo(1);
                    assertThat(task.metadata()).containsEntry("assignee", "Sarah");
                });

        List<Map<String, Object>> rows = settled(alice, c, 3);
        // The proposal points at the message that says it.
        assertThat(proposed).filteredOn(m -> m.memoryType().equals("task")).singleElement()
                .satisfies(task -> assertThat(task.excerpt().messageId()).hasToString((String) rows.get(0).get("id")));
        assertThat(rows.get(0)).containsEntry("processing", "completed").containsEntry("skip_reason", null);
        assertThat(rows.get(1)).containsEntry("processing", "completed").containsEntry("skip_reason",
                "low_importance");
        assertThat(rows.get(2)).containsEntry("processing", "completed").containsEntry("skip_reason", "not_user");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("importance_score")).isNotNull());

        // Saved, the memory says it came from the chat and which conversation.
        UUID tempId = proposed.stream().filter(m -> m.memoryType().equals("task")).findFirst().orElseThrow().tempId();
        String memoryId = Api.as(alice).contentType(ContentType.JSON).body(Map.of("confirmed_ids", List.of(tempId)))
                .post("/api/v1/memories/extract/{id}/confirm", job.extractionId()).path("memory_ids[0]");
        Response saved = Api.as(alice).get("/api/v1/memories/{id}", memoryId);
        assertThat(saved.<String>path("source.kind")).isEqualTo("chat");
        assertThat(saved.<String>path("source.source_id")).isEqualTo(c);
        assertThat(Api.as(alice).get("/api/v1/memories?source=chat").jsonPath().getList("memories.id"))
                .containsExactly(memoryId);
    }

    @Test
    void requestWithNothingWorthExtractingCompletesItsJobAtOnce() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        String taskId = Chat.post(alice, c, List.of(message("user", "thanks!"), message("user", "ok"))).path("task_id");
        Response progress = Api.awaitFinished(alice, taskId, TIMEOUT);
        assertThat(progress.<String>path("state")).isEqualTo("completed");
        assertThat(jobs.find(taskId).orElseThrow().totalChunks()).isZero();
        assertThat(settled(alice, c, 2)).allSatisfy(r -> assertThat(r).containsEntry("skip_reason",
                "low_importance"));
    }

    @Test
    void twinOnlyRequestHasNoJob() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        Response posted = Chat.post(alice, c, List.of(message("twin", "Good morning! Your meeting is at 10.")));
        assertThat(posted.jsonPath().getString("task_id")).isNull();
        assertThat(settled(alice, c, 1).get(0)).containsEntry("skip_reason", "not_user");
    }

    @Test
    void redeliveredChatMessageChangesNoRowsNorCounts() throws Exception {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        String taskId = Chat.post(alice, c, List.of(
                message("user", "Sarah will send the budget draft by Friday."),
                message("user", "We decided to move the launch to March 3."),
                message("user", "thanks!"))).path("task_id");
        Api.awaitFinished(alice, taskId, TIMEOUT);
        List<Map<String, Object>> before = settled(alice, c, 3);
        Job first = jobs.find(taskId).orElseThrow();
        int memories = review.proposed(alice, first.extractionId()).size();

        ChatMessagesAdded again = new ChatMessagesAdded(UUID.fromString(c), alice, 1, 3, taskId);
        stage.process(again);
        twiceAtOnce(again);

        Job after = jobs.find(taskId).orElseThrow();
        assertThat(after.state()).isEqualTo(JobState.COMPLETED);
        assertThat(after.totalChunks()).isEqualTo(first.totalChunks()).isEqualTo(2);
        assertThat(after.chunksDone()).isEqualTo(first.chunksDone());
        assertThat(after.memoriesExtracted()).isEqualTo(first.memoriesExtracted()).isEqualTo(memories);
        assertThat(review.proposed(alice, first.extractionId())).hasSize(memories);
        assertThat(Chat.messages(alice, c).jsonPath().<Map<String, Object>>getList("messages")).isEqualTo(before);
    }

    @Test
    void concurrentFirstDeliveriesStartTheJobOnce() throws Exception {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        // Stored as the API stores them, then delivered twice at once before the queue's own delivery can count.
        String taskId = Chat.post(alice, c, List.of(message("user", "Tom will book the venue by Monday.")))
                .path("task_id");
        twiceAtOnce(new ChatMessagesAdded(UUID.fromString(c), alice, 1, 1, taskId));
        Api.awaitFinished(alice, taskId, TIMEOUT);
        Job job = jobs.find(taskId).orElseThrow();
        assertThat(job.totalChunks()).isEqualTo(1);
        assertThat(job.chunksDone()).isEqualTo(1);
        assertThat(review.proposed(alice, job.extractionId())).hasSize(job.memoriesExtracted());
        assertThat(settled(alice, c, 1).get(0)).containsEntry("processing", "completed");
    }

    @Test
    void failureOnTheLastDeliveryMarksTheMessagesFailedWithTheReasonAndDeadLettersIt() {
        String alice = Users.fresh("alice");
        String c = Chat.open(alice);
        // Every delivery the queue allows fails sending the chunk; the last one records why.
        String task = "Sarah will send the budget draft " + UUID.randomUUID() + " by Friday.";
        List<Map<String, Object>> request = List.of(message("user", task), message("user", "thanks!"));
        AwsFaults.inject("SendMessageBatch", task, settings.maxReceiveCount(),
                () -> SqsException.builder().statusCode(500).message("injected outage").build());
        String taskId;
        try {
            Response posted = Chat.post(alice, c, request);
            taskId = posted.path("task_id");
            List<Map<String, Object>> rows = settled(alice, c, 2);
            assertThat(rows.get(0)).containsEntry("processing", "failed");
            assertThat(String.valueOf(rows.get(0).get("error"))).contains("SqsException");
            assertThat(rows.get(1)).containsEntry("processing", "completed")
                    .containsEntry("skip_reason", "low_importance");
        } finally {
            AwsFaults.clear();
        }
        Job job = jobs.find(taskId).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.error()).contains("chat messages could not be processed");
        Response retry = Api.as(alice).post("/api/v1/jobs/{id}/retry", taskId);
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(409);
        String dlq = queues.urlOf(settings.deadLetterNameOf(QueueNames.CHAT));
        Await.until("the chat message in the dead-letter queue", TIMEOUT,
                () -> sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages(),
                messages -> messages.stream().anyMatch(m -> m.body().contains(c)));
    }

    /** Two deliveries of the same message at the same time. */
    private void twiceAtOnce(ChatMessagesAdded message) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> stage.process(message), pool),
                    CompletableFuture.runAsync(() -> stage.process(message), pool)).get();
        } finally {
            pool.shutdown();
        }
    }

    /** The conversation's messages once none is pending. */
    private static List<Map<String, Object>> settled(String user, String conversation, int count) {
        return Await.until("messages of " + conversation + " to settle", TIMEOUT,
                () -> Chat.messages(user, conversation).jsonPath().<Map<String, Object>>getList("messages"),
                rows -> rows.size() == count && rows.stream().noneMatch(r -> "pending".equals(r.get("processing"))));
    }
}
