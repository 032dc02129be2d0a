package dev.engram.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.memory.SummaryMemories;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.profile.InsightFinding;
import dev.engram.profile.ProfileInsights;
import dev.engram.profile.UserStatement;
import dev.engram.progress.JobCompletion;
import dev.engram.progress.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The summary stage: brings a conversation's summary up to a requested seq, one version per window of
 * {@code engram.chat.summary-every} messages after what is summarized already, in order. It works under a
 * per-conversation advisory lock held on one connection for the whole request, so two deliveries (a redelivery, or the
 * every-20 request and a manual one) never summarize one window twice: the second finds the window done and calls no
 * provider. Each version is written in one transaction: the version row, {@code conversations.summary} and a title if
 * the conversation has none, the conversation's summary memory (updated in place), the messages' summarized flag, and
 * the profile insights its user messages state, with their evidence.
 */
@ApplicationScoped
class SummarizeStage {

    private static final Logger LOG = Logger.getLogger(SummarizeStage.class);
    /** Session-level: held across the version transactions, released at the end (or when the connection closes). */
    private static final String LOCK = "SELECT pg_advisory_lock(hashtext('engram.summary:' || $1))";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('engram.summary:' || $1))";

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ObjectMapper json;
    private final ConversationRepository conversations;
    private final ChatMessageRepository messages;
    private final ConversationSummaryRepository summaries;
    private final SummaryMemories memories;
    private final ProfileInsights profile;
    private final Summarizer summarizer;
    private final ActiveEmbedder embedder;
    private final JobStore jobs;
    private final JobCompletion completion;
    private final ChatSettings settings;
    private final MeterRegistry metrics;

    SummarizeStage(Pool pool, ReactiveBridge bridge, ObjectMapper json, ConversationRepository conversations,
            ChatMessageRepository messages, ConversationSummaryRepository summaries, SummaryMemories memories, ProfileInsights profile,
            @All List<Summarizer> providers, ActiveEmbedder embedder, JobStore jobs, JobCompletion completion,
            ChatSettings settings, MeterRegistry metrics) {
        this.pool = pool;
        this.bridge = bridge;
        this.json = json;
        this.conversations = conversations;
        this.messages = messages;
        this.summaries = summaries;
        this.memories = memories;
        this.profile = profile;
        this.summarizer = providers.stream().filter(p -> p.name().equals(settings.summaryProvider())).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown engram.chat.summary-provider '"
                        + settings.summaryProvider() + "'; available: "
                        + providers.stream().map(Summarizer::name).toList()));
        this.embedder = embedder;
        this.jobs = jobs;
        this.completion = completion;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Summarizes the conversation up to {@code r.toSeq()}.
     *
     * @return the versions written (0 when everything up to it was summarized already)
     */
    public int summarize(SummarizeRequested r) {
        SqlConnection conn = bridge.await(pool::getConnection);
        int written = 0;
        try {
            Tuple key = Tuple.of(r.conversationId().toString());
            bridge.await(() -> conn.preparedQuery(LOCK).execute(key));
            try {
                while (nextVersion(conn, r)) {
                    written++;
                }
            } finally {
                unlock(conn, key);
            }
        } finally {
            bridge.await(conn::close);
        }
        if (written == 0) {
            metrics.counter("engram.chat.summaries", "outcome", "nothing_new").increment();
        }
        if (r.taskId() != null) {
            finishJob(r.taskId());
        }
        return written;
    }

    /** Fails the request's job, if it has one, with the reason: its delivery was the last. */
    public void fail(SummarizeRequested r, String reason) {
        metrics.counter("engram.chat.summaries", "outcome", "failed").increment();
        LOG.warnf("summary of conversation %s up to %d failed for good: %s", r.conversationId(), r.toSeq(), reason);
        if (r.taskId() != null) {
            jobs.fail(r.taskId(), "the conversation could not be summarized: " + reason);
        }
    }

    /** Writes the next version up to {@code r.toSeq()}; false when there is none left to write. */
    private boolean nextVersion(SqlConnection conn, SummarizeRequested r) {
        Optional<Conversation> found = bridge.await(() -> conversations.find(conn, r.userId(), r.conversationId()));
        if (found.isEmpty()) {
            return false;
        }
        Conversation c = found.get();
        int from = c.summarizedToSeq() + 1;
        int to = Math.min(Math.min(r.toSeq(), c.messageCount()), c.summarizedToSeq() + settings.summaryEvery());
        if (to < from) {
            return false;
        }
        List<ChatMessage> window = bridge.await(() -> messages.range(conn, r.userId(), c.id(), from, to));
        Optional<ConversationSummary> previous = bridge.await(() -> summaries.latest(conn, r.userId(), c.id()));
        SummaryDraft draft = summarizer.summarize(new SummaryInput(previous.map(this::draftOf).orElse(null), window,
                c.context()));
        // Insights are read from the user's own messages only: what the twin says is not what the user is.
        List<InsightFinding> findings = profile.read(window.stream().filter(m -> m.role().equals("user")
                && m.content() != null).map(m -> new UserStatement(m.id(), c.id(), m.seq(), m.content(),
                m.createdAt())).toList());
        String text = draft.text();
        float[] vector = embedder.get().embedAll(List.of(text)).get(0);
        String model = embedder.get().model();
        ObjectNode structured = json.valueToTree(draft);
        // Insights are facts of the graph as well: its lock comes before this transaction's rows, as in a deletion.
        boolean saved = bridge.await(() -> conn.begin().chain(tx -> (findings.isEmpty() ? Uni.createFrom().voidItem()
                : profile.hold(conn, r.userId())).chain(() -> summaries.insert(conn, r.userId(), c.id(), from,
                to, text, structured, summarizer.name(), SummaryMemories.idOf(r.userId(), c.id())))
                .chain(version -> version.isEmpty() ? tx.rollback().replaceWith(false)
                        : memories.save(conn, r.userId(), c.id(), draft.title(), text,
                                metadata(c, version.get(), to, draft), vector, model)
                                .chain(() -> conversations.summarized(conn, r.userId(), c.id(), to, text,
                                        draft.title()))
                                .chain(() -> messages.markSummarized(conn, r.userId(), c.id(), from, to))
                                .chain(() -> profile.record(conn, r.userId(), findings))
                                .chain(() -> tx.commit()).replaceWith(true))
                .onFailure().call(e -> tx.rollback().onFailure().recoverWithNull())));
        if (!saved) {
            // Under the lock only this stage writes versions: a window done already means the row moved under us.
            throw new IllegalStateException("summary window " + from + "-" + to + " of " + c.id()
                    + " was written by someone else");
        }
        metrics.counter("engram.chat.summaries", "outcome", "written").increment();
        LOG.infof("conversation %s summarized up to %d (messages %d-%d)", c.id(), to, from, to);
        return true;
    }

    private String metadata(Conversation c, int version, int toSeq, SummaryDraft draft) {
        ObjectNode meta = json.createObjectNode();
        meta.put("conversation_id", c.id().toString());
        meta.put("version", version);
        meta.put("to_seq", toSeq);
        meta.set("topics", json.valueToTree(draft.topics()));
        return meta.toString();
    }

    private SummaryDraft draftOf(ConversationSummary s) {
        try {
            return json.treeToValue(s.structured(), SummaryDraft.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary version " + s.version() + " does not read back", e);
        }
    }

    private void unlock(SqlConnection conn, Tuple key) {
        try {
            bridge.await(() -> conn.preparedQuery(UNLOCK).execute(key));
        } catch (RuntimeException e) {
            // Closing the connection releases the lock as well.
            LOG.warnf(e, "summary lock not released; closing its connection releases it");
        }
    }

    private void finishJob(String taskId) {
        if (jobs.startProcessing(taskId, 0, "text/plain")) {
            jobs.markSplitDone(taskId);
        }
        jobs.find(taskId).ifPresent(completion::finishIfComplete);
    }
}
