package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.chat.ChatMessage;
import dev.engram.chat.ConversationService;
import dev.engram.chat.MessageIntake;
import dev.engram.chat.NewMessages;
import dev.engram.chat.PostedMessages;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The chat function, driven by {@code infra/events/chat-messages-added.json} and
 * {@code infra/events/chat-summarize-requested.json}.
 */
@QuarkusTest
@TestProfile(WorkerFunction.Chat.class)
class ChatHandlerTest {

    @Inject
    MessageIntake intake;
    @Inject
    ConversationService conversations;
    @Inject
    JobStore jobs;
    @Inject
    QueueSender queues;
    @Inject
    SqsClient sqs;

    @Test
    void newMessagesAreScoredAndTheUserTaskStartsItsJob() {
        String user = "alice-" + UUID.randomUUID();
        PostedMessages posted = post(user);

        assertThat(ProcessHandlerTest.failures(MockLambda.invoke(eventFor(user, posted)))).isEmpty();

        Job job = jobs.find(posted.taskId()).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.PROCESSING);
        assertThat(job.totalChunks()).isEqualTo(1);
        List<ChatMessage> rows = rows(user, posted);
        assertThat(rows).extracting(ChatMessage::skipReason).containsExactly(null, "low_importance", "not_user");
        assertThat(rows).extracting(ChatMessage::processing).containsExactly("pending", "completed", "completed");
        String chunks = queues.workQueueUrl(QueueNames.CHUNKS);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(chunks).maxNumberOfMessages(10)).messages())
                .anySatisfy(m -> assertThat(m.body()).contains(posted.taskId(), "budget draft"));
    }

    @Test
    void redeliveryKeepsTheFirstVerdictsAndTheJobsCount() {
        String user = "alice-" + UUID.randomUUID();
        PostedMessages posted = post(user);
        ObjectNode event = eventFor(user, posted);

        assertThat(ProcessHandlerTest.failures(MockLambda.invoke(event))).isEmpty();
        List<ChatMessage> first = rows(user, posted);
        assertThat(ProcessHandlerTest.failures(MockLambda.invoke(event))).isEmpty();

        assertThat(rows(user, posted)).isEqualTo(first);
        Job job = jobs.find(posted.taskId()).orElseThrow();
        assertThat(job.totalChunks()).isEqualTo(1);
        assertThat(job.chunksDone()).isZero();
    }

    @Test
    void twentyMessagesAskForASummaryWhichTheFunctionWrites() {
        String user = "alice-" + UUID.randomUUID();
        List<NewMessages.Item> items = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            items.add(new NewMessages.Item("user", "Sarah will send budget draft " + i + " by Friday.", null, null,
                    null));
            items.add(new NewMessages.Item("twin", "Noted.", null, null, null));
        }
        PostedMessages posted = intake.post(user, "current", new NewMessages(items));
        String conversation = posted.conversationId().toString();
        ObjectNode added = LambdaEvents.withSqsBodies(LambdaEvents.load("chat-messages-added.json"), body -> body
                .put("conversation_id", conversation).put("user_id", user).put("to_seq", 20)
                .put("task_id", posted.taskId()));
        assertThat(ProcessHandlerTest.failures(MockLambda.invoke(added))).isEmpty();

        String chat = queues.workQueueUrl(QueueNames.CHAT);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(chat).maxNumberOfMessages(10)).messages())
                .anySatisfy(m -> assertThat(m.body()).contains("summarize_requested", conversation,
                        "\"to_seq\":20"));
        ObjectNode summarize = LambdaEvents.withSqsBodies(LambdaEvents.load("chat-summarize-requested.json"),
                body -> body.put("conversation_id", conversation).put("user_id", user).put("to_seq", 20));
        assertThat(ProcessHandlerTest.failures(MockLambda.invoke(summarize))).isEmpty();
        assertThat(ProcessHandlerTest.failures(MockLambda.invoke(summarize))).isEmpty();

        assertThat(conversations.summaries(user, conversation).summaries()).singleElement()
                .satisfies(v -> assertThat(v.toSeq()).isEqualTo(20));
    }

    private PostedMessages post(String user) {
        return intake.post(user, "current", new NewMessages(List.of(
                new NewMessages.Item("user", "Sarah will send the budget draft by Friday.", null, null, null),
                new NewMessages.Item("user", "thanks!", null, null, null),
                new NewMessages.Item("assistant", "Noted.", null, null, null))));
    }

    private List<ChatMessage> rows(String user, PostedMessages posted) {
        return conversations.messages(user, posted.conversationId().toString(), 0, 50).messages();
    }

    private static ObjectNode eventFor(String user, PostedMessages posted) {
        return LambdaEvents.withSqsBodies(LambdaEvents.load("chat-messages-added.json"), body -> body
                .put("conversation_id", posted.conversationId().toString()).put("user_id", user)
                .put("task_id", posted.taskId()));
    }
}
