package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.platform.queue.QueueConsumer;
import dev.engram.platform.queue.QueueMessage;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.progress.Job;
import dev.engram.progress.JobCompletion;
import dev.engram.progress.JobStore;
import dev.engram.split.Chunk;
import dev.engram.split.ChunkReady;
import dev.engram.split.TokenEstimator;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * The chat stage: scores new messages with {@link MessageImportance} and sends the user messages worth it to the chunk
 * queue as chunks of their job (chunk index = the message's seq), so memories come out of them as out of any text and
 * wait for review. Twin and system messages are skipped as {@code not_user}, user messages under
 * {@code engram.chat.importance-threshold} as {@code low_importance}. A message keeps its first verdict and chunks
 * are counted once per (task, seq), so a redelivery changes nothing. On the last delivery a failure marks the
 * messages still pending failed with the reason (and fails their job), and the message moves to the dead-letter queue.
 * Once {@code engram.chat.summary-every} messages are unsummarized it asks for a summary on its own queue
 * ({@link SummarizeRequested}), which it hands to the {@link SummarizeStage}; feedback on a message
 * ({@link FeedbackAdded}) goes to the {@link FeedbackStage}.
 */
@ApplicationScoped
public class ChatStage implements QueueConsumer {

    private static final Logger LOG = Logger.getLogger(ChatStage.class);

    private final ObjectMapper json;
    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ChatMessageRepository messages;
    private final ConversationRepository conversations;
    private final SummarizeStage summaries;
    private final FeedbackStage feedback;
    private final JobStore jobs;
    private final JobCompletion completion;
    private final QueueSender queues;
    private final ChatSettings settings;
    private final MeterRegistry metrics;
    private final ActiveEmbedder embedder;
    private final ContextShift shifts;

    ChatStage(ObjectMapper json, Pool pool, ReactiveBridge bridge, ChatMessageRepository messages,
            ConversationRepository conversations, SummarizeStage summaries, FeedbackStage feedback, JobStore jobs,
            JobCompletion completion, QueueSender queues, ChatSettings settings, MeterRegistry metrics,
            ActiveEmbedder embedder, ContextShift shifts) {
        this.json = json;
        this.pool = pool;
        this.bridge = bridge;
        this.messages = messages;
        this.conversations = conversations;
        this.summaries = summaries;
        this.feedback = feedback;
        this.jobs = jobs;
        this.completion = completion;
        this.queues = queues;
        this.settings = settings;
        this.metrics = metrics;
        this.embedder = embedder;
        this.shifts = shifts;
    }

    @Override
    public String queue() {
        return QueueNames.CHAT;
    }

    @Override
    public void consume(QueueMessage message) throws Exception {
        JsonNode body = json.readTree(message.body());
        if (SummarizeRequested.KIND.equals(body.path("kind").asText())) {
            SummarizeRequested request = json.treeToValue(body, SummarizeRequested.class);
            try {
                summaries.summarize(request);
            } catch (RuntimeException e) {
                if (message.lastAttempt()) {
                    summaries.fail(request, describe(e));
                }
                throw e;
            }
            return;
        }
        if (FeedbackAdded.KIND.equals(body.path("kind").asText())) {
            FeedbackAdded f = json.treeToValue(body, FeedbackAdded.class);
            try {
                feedback.apply(f);
            } catch (RuntimeException e) {
                if (message.lastAttempt()) {
                    LOG.warnf("feedback %s could not be applied for good: %s", f.feedbackId(), describe(e));
                }
                throw e;
            }
            return;
        }
        ChatMessagesAdded added = json.treeToValue(body, ChatMessagesAdded.class);
        try {
            process(added);
        } catch (RuntimeException e) {
            if (message.lastAttempt()) {
                fail(added, describe(e));
            }
            throw e;
        }
    }

    /** Scores the messages, then starts their job's extraction; see the class comment for redelivery. */
    public void process(ChatMessagesAdded m) {
        List<ChatMessage> range = bridge.await(() -> pool.withTransaction(db -> messages.range(db, m.userId(),
                m.conversationId(), m.fromSeq(), m.toSeq())
                .call(rows -> messages.score(db, m.userId(), verdicts(rows)))));
        embed(m);
        requestSummaryIfDue(m);
        if (m.taskId() == null) {
            return;
        }
        Job job = jobs.findOwned(m.taskId(), m.userId()).orElse(null);
        if (job == null || job.state().finished()) {
            LOG.infof("chat messages %d-%d of %s: job %s %s; nothing to start", m.fromSeq(), m.toSeq(),
                    m.conversationId(), m.taskId(), job == null ? "does not exist" : "has finished");
            return;
        }
        List<ChatMessage> selected = bridge.await(() -> messages.extractedBy(pool, m.userId(), m.taskId()));
        if (!jobs.startProcessing(m.taskId(), selected.size(), "text/plain")) {
            return;
        }
        queues.sendAll(QueueNames.CHUNKS, selected.stream().map(s -> new ChunkReady(job.taskId(),
                job.extractionId(), job.userId(), selected.size(), chunk(s), job.options())).toList());
        jobs.markSplitDone(m.taskId());
        if (selected.isEmpty()) {
            // Nothing worth extracting: no chunk will finish the job, so it finishes here (once, conditionally).
            jobs.find(m.taskId()).ifPresent(completion::finishIfComplete);
        }
        LOG.infof("chat messages %d-%d of %s: %d of %d sent for extraction (job %s)", m.fromSeq(), m.toSeq(),
                m.conversationId(), selected.size(), range.size(), m.taskId());
    }

    /**
     * Embeds the user messages kept for extraction (a redelivery finds them embedded): what the conversation is
     * about, for its context shifts.
     */
    private void embed(ChatMessagesAdded m) {
        List<ChatMessageRepository.Text> texts = bridge.await(() -> messages.unembedded(pool, m.userId(),
                m.conversationId(), m.fromSeq(), m.toSeq()));
        if (texts.isEmpty()) {
            return;
        }
        List<float[]> vectors = embedder.get().embedAll(texts.stream().map(ChatMessageRepository.Text::content)
                .toList());
        bridge.await(() -> messages.storeEmbeddings(pool, m.userId(), texts, vectors));
    }

    /**
     * Asks for a summary once {@code engram.chat.summary-every} messages up to these are unsummarized, up to the last
     * whole window, or up to a context shift ({@link ContextShift}) among them: the summary stage writes one version
     * per window, and a request it finds done is a no-op.
     */
    private void requestSummaryIfDue(ChatMessagesAdded m) {
        Conversation c = bridge.await(() -> conversations.find(pool, m.userId(), m.conversationId())).orElse(null);
        if (c == null) {
            return;
        }
        int every = settings.summaryEvery();
        if (m.toSeq() - c.summarizedToSeq() >= every) {
            int toSeq = c.summarizedToSeq() + (m.toSeq() - c.summarizedToSeq()) / every * every;
            queues.send(QueueNames.CHAT, SummarizeRequested.of(c.id(), m.userId(), toSeq, null));
            return;
        }
        List<ChatMessageRepository.SeqVector> vectors = bridge.await(() -> messages.userVectorsAfter(pool,
                m.userId(), c.id(), c.summarizedToSeq()));
        OptionalInt shift = shifts.breakpoint(vectors);
        if (shift.isPresent()) {
            metrics.counter("engram.chat.context_shifts").increment();
            LOG.infof("conversation %s moved on at message %d; summarizing what came before", c.id(),
                    shift.getAsInt());
            queues.send(QueueNames.CHAT, SummarizeRequested.of(c.id(), m.userId(), shift.getAsInt() - 1, null));
        }
    }

    /** Verdicts on the messages not yet scored; a message scored by an earlier delivery keeps its verdict. */
    private List<ChatMessageRepository.Verdict> verdicts(List<ChatMessage> rows) {
        List<ChatMessageRepository.Verdict> out = new ArrayList<>();
        for (ChatMessage row : rows) {
            if (row.importanceScore() != null) {
                continue;
            }
            double score = MessageImportance.score(row.content());
            String skip = !row.role().equals("user") ? "not_user"
                    : score < settings.importanceThreshold() ? "low_importance" : null;
            metrics.counter("engram.chat.messages.scored", "outcome", skip == null ? "extracted" : skip).increment();
            out.add(new ChatMessageRepository.Verdict(row.id(), score, skip));
        }
        return out;
    }

    private static Chunk chunk(ChatMessage m) {
        return Chunk.ofMessage(m.id(), m.seq(), m.content(), TokenEstimator.estimate(m.content()));
    }

    private void fail(ChatMessagesAdded m, String reason) {
        LOG.warnf("chat messages %d-%d of %s failed for good: %s", m.fromSeq(), m.toSeq(), m.conversationId(),
                reason);
        bridge.await(() -> messages.failRange(pool, m.userId(), m.conversationId(), m.fromSeq(), m.toSeq(), reason));
        if (m.taskId() != null) {
            jobs.fail(m.taskId(), "the chat messages could not be processed: " + reason);
        }
    }

    /** The reason its owner reads; a service's own message stays in the log. */
    private static String describe(RuntimeException e) {
        if (e instanceof software.amazon.awssdk.core.exception.SdkException
                || e instanceof io.vertx.core.VertxException) {
            LOG.warnf(e, "chat messages failed on a service error");
            return "a storage or queue service did not answer as expected (" + e.getClass().getSimpleName() + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
