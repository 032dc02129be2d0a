package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.profile.InsightFinding;
import dev.engram.profile.ProfileInsights;
import dev.engram.profile.UserStatement;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The feedback stage: applies a reaction to a message to the profile insights the message cites in its
 * {@code metadata.sources} (insight ids, or objects with an {@code insight_id}), and reads the comment, if any, as the
 * user's own words (new insights say {@code source: feedback}). One transaction, under the feedback row's lock, marks
 * it applied: a redelivery finds it applied and changes nothing.
 */
@ApplicationScoped
class FeedbackStage {

    private static final Logger LOG = Logger.getLogger(FeedbackStage.class);

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final MessageFeedbackRepository feedback;
    private final ChatMessageRepository messages;
    private final ProfileInsights profile;
    private final MeterRegistry metrics;

    FeedbackStage(Pool pool, ReactiveBridge bridge, MessageFeedbackRepository feedback,
            ChatMessageRepository messages, ProfileInsights profile, MeterRegistry metrics) {
        this.pool = pool;
        this.bridge = bridge;
        this.feedback = feedback;
        this.messages = messages;
        this.profile = profile;
        this.metrics = metrics;
    }

    /** Applies the feedback once; false when it was applied already or no longer exists. */
    public boolean apply(FeedbackAdded f) {
        Optional<MessageFeedback> found = bridge.await(() -> feedback.find(pool, f.userId(), f.feedbackId()));
        if (found.isEmpty() || found.get().appliedAt() != null) {
            return false;
        }
        MessageFeedback fb = found.get();
        Optional<ChatMessageRepository.Located> target = bridge.await(() -> messages.locate(pool, f.userId(),
                fb.messageId()));
        if (target.isEmpty()) {
            return false;
        }
        ChatMessage m = target.get().message();
        UserStatement on = new UserStatement(m.id(), target.get().conversationId(), m.seq(),
                fb.comment() == null ? "" : fb.comment(), fb.createdAt());
        // Blocking reads (the embedding model) before the transaction.
        List<InsightFinding> findings = fb.comment() == null ? List.of() : profile.read(List.of(on));
        List<UUID> cited = sources(m.metadata());
        String quoted = fb.comment() == null || fb.comment().isBlank() ? fb.reactionType() : fb.comment();
        // Insights are facts of the graph as well: its lock comes before the feedback row's.
        boolean applied = bridge.await(() -> pool.withTransaction(db -> (findings.isEmpty() && cited.isEmpty()
                ? Uni.createFrom().voidItem() : profile.hold(db, f.userId()))
                .chain(() -> feedback.lock(db, f.userId(), fb.id()))
                .chain(locked -> locked.isEmpty() || locked.get().appliedAt() != null ? Uni.createFrom().item(false)
                        : profile.applyFeedback(db, f.userId(), cited, on, fb.reactionType(), quoted)
                                .chain(() -> profile.record(db, f.userId(), findings, "feedback"))
                                .chain(() -> feedback.markApplied(db, f.userId(), fb.id()))
                                .replaceWith(true))));
        if (applied) {
            metrics.counter("engram.chat.feedback", "reaction", fb.reactionType()).increment();
            LOG.infof("feedback %s (%s) on message %s applied to %d cited insights", fb.id(), fb.reactionType(),
                    m.id(), cited.size());
        }
        return applied;
    }

    /** The insight ids a message cites; anything else in {@code sources} is ignored. */
    static List<UUID> sources(JsonNode metadata) {
        List<UUID> out = new ArrayList<>();
        JsonNode sources = metadata == null ? null : metadata.get("sources");
        if (sources == null || !sources.isArray()) {
            return out;
        }
        for (JsonNode s : sources) {
            JsonNode id = s.isObject() ? s.has("insight_id") ? s.get("insight_id") : s.get("id") : s;
            if (id != null && id.isTextual()) {
                try {
                    UUID parsed = UUID.fromString(id.asText());
                    if (!out.contains(parsed)) {
                        out.add(parsed);
                    }
                } catch (IllegalArgumentException e) {
                    // Not an insight id: the twin may cite other things.
                }
            }
        }
        return out;
    }
}
