package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.errors.Unavailable;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Feedback on a user's chat messages: give it (applied by the feedback stage) and list it. Others' ids answer 404. */
@ApplicationScoped
class MessageFeedbackService {

    private static final Logger LOG = Logger.getLogger(MessageFeedbackService.class);
    static final Set<String> REACTIONS = Set.of("helpful", "insightful", "incorrect", "not_relevant");
    static final int MAX_COMMENT = 2_000;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ChatMessageRepository messages;
    private final MessageFeedbackRepository feedback;
    private final QueueSender queues;

    MessageFeedbackService(Pool pool, ReactiveBridge bridge, ChatMessageRepository messages,
            MessageFeedbackRepository feedback, QueueSender queues) {
        this.pool = pool;
        this.bridge = bridge;
        this.messages = messages;
        this.feedback = feedback;
        this.queues = queues;
    }

    /** A message's feedback, oldest first. */
    public record FeedbackList(UUID messageId, List<MessageFeedback> feedback) {
    }

    public MessageFeedback give(String userId, String messageId, JsonNode body) {
        UUID key = parse(messageId);
        List<String> errors = new ArrayList<>();
        JsonNode reaction = body == null ? null : body.get("reaction_type");
        if (reaction == null || !reaction.isTextual() || !REACTIONS.contains(reaction.asText())) {
            errors.add("reaction_type: must be one of helpful, insightful, incorrect, not_relevant");
        }
        JsonNode comment = body == null ? null : body.get("comment");
        if (comment != null && !comment.isNull() && (!comment.isTextual()
                || comment.asText().length() > MAX_COMMENT)) {
            errors.add("comment: must be a string of at most " + MAX_COMMENT + " characters");
        }
        ChatRequests.check(errors);
        String text = comment == null || comment.isNull() || comment.asText().isBlank() ? null
                : comment.asText().strip();
        ChatMessageRepository.Located target = bridge.await(() -> messages.locate(pool, userId, key))
                .orElseThrow(MessageFeedbackService::missing);
        MessageFeedback saved = bridge.await(() -> feedback.insert(pool, userId, key, target.conversationId(),
                reaction.asText(), text));
        try {
            queues.send(QueueNames.CHAT, FeedbackAdded.of(saved.id(), userId));
        } catch (RuntimeException e) {
            LOG.errorf(e, "feedback %s is stored but could not be queued", saved.id());
            throw new Unavailable("the feedback is stored but could not be queued to be applied; try again");
        }
        return saved;
    }

    public FeedbackList list(String userId, String messageId) {
        UUID key = parse(messageId);
        bridge.await(() -> messages.locate(pool, userId, key)).orElseThrow(MessageFeedbackService::missing);
        return new FeedbackList(key, bridge.await(() -> feedback.ofMessage(pool, userId, key)));
    }

    private static UUID parse(String id) {
        return NotFound.parseId(id, "message");
    }

    private static NotFound missing() {
        return new NotFound("message");
    }
}
