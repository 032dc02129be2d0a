package dev.engram.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.memory.SummaryMemories;
import dev.engram.platform.errors.Malformed;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.platform.queue.QueueNames;
import dev.engram.profile.ProfileInsights;
import dev.engram.platform.queue.QueueSender;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobStore;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A user's conversations: open, list, read, change, delete, read their messages, summarize them and read their
 * summaries. Others' ids answer 404.
 */
@ApplicationScoped
public class ConversationService {

    private static final Set<String> STATUSES = Set.of("active", "archived");
    private static final Set<String> PATCHABLE = Set.of("title", "context", "status");
    static final int MAX_PAGE = 200;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ConversationRepository conversations;
    private final ChatMessageRepository messages;
    private final ConversationSummaryRepository summaries;
    private final JobStore jobs;
    private final QueueSender queues;
    private final SummaryMemories summaryMemories;
    private final ProfileInsights profile;

    ConversationService(Pool pool, ReactiveBridge bridge, ConversationRepository conversations,
            ChatMessageRepository messages, ConversationSummaryRepository summaries, JobStore jobs,
            QueueSender queues, SummaryMemories summaryMemories, ProfileInsights profile) {
        this.pool = pool;
        this.bridge = bridge;
        this.conversations = conversations;
        this.messages = messages;
        this.summaries = summaries;
        this.jobs = jobs;
        this.queues = queues;
        this.summaryMemories = summaryMemories;
        this.profile = profile;
    }

    /** What a summary request started: the job to follow, or nothing when every message is summarized already. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SummaryRequest(String taskId, Boolean changed, Integer toSeq) {
    }

    /** A conversation's summary versions, oldest first. */
    public record SummaryList(UUID conversationId, List<ConversationSummary> summaries) {
    }

    /** One page of conversations and the cursor of the next (null at the end). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<Conversation> conversations, String nextCursor) {
    }

    /** One page of a conversation's messages, oldest first, and the after_seq of the next (null at the end). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessagePage(UUID conversationId, List<ChatMessage> messages, Integer nextAfterSeq) {
    }

    public Conversation create(String userId, NewConversation body) {
        NewConversation b = body == null ? new NewConversation(null, null, null) : body;
        List<String> errors = new ArrayList<>();
        ChatRequests.title(b.title(), errors);
        ChatRequests.jsonObject("context", b.context(), errors);
        ChatRequests.check(errors);
        JsonNode context = ChatRequests.isNull(b.context()) ? null : b.context();
        String title = b.title() == null || b.title().isBlank() ? null : b.title().strip();
        return bridge.await(() -> conversations.insert(pool, userId, title, context,
                Boolean.TRUE.equals(b.autoSave())));
    }

    public Page list(String userId, String status, int limit, String cursor) {
        List<String> errors = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            errors.add("status: must be active or archived");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            errors.add("limit: must be 1 to " + MAX_PAGE);
        }
        Position after = null;
        if (cursor != null) {
            after = Position.decode(cursor);
            if (after == null) {
                errors.add("cursor: is not a cursor this API returned");
            }
        }
        ChatRequests.check(errors);
        Position from = after;
        List<Conversation> page = bridge.await(() -> conversations.page(pool, userId, status,
                from == null ? null : from.createdAt(), from == null ? null : from.id(), limit + 1));
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            Conversation last = page.get(limit - 1);
            next = new Position(last.createdAt(), last.id()).encode();
        }
        return new Page(List.copyOf(page), next);
    }

    public Conversation get(String userId, String id) {
        UUID key = parse(id);
        return bridge.await(() -> conversations.find(pool, userId, key)).orElseThrow(ConversationService::missing);
    }

    /** Changes title, context or status; a field set to null clears it (status cannot be cleared). */
    public Conversation update(String userId, String id, JsonNode body) {
        UUID key = parse(id);
        if (body == null || !body.isObject()) {
            throw new Malformed("a JSON object with title, context or status is required");
        }
        List<String> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!PATCHABLE.contains(f)) {
                errors.add(f + ": cannot be changed; title, context and status can");
            }
        });
        JsonNode title = body.get("title");
        if (title != null && !title.isNull() && !title.isTextual()) {
            errors.add("title: must be a string or null");
        } else if (title != null && title.isTextual()) {
            ChatRequests.title(title.asText(), errors);
        }
        JsonNode context = body.get("context");
        ChatRequests.jsonObject("context", context, errors);
        JsonNode status = body.get("status");
        if (status != null && (!status.isTextual() || !STATUSES.contains(status.asText()))) {
            errors.add("status: must be active or archived");
        }
        ChatRequests.check(errors);
        boolean clearTitle = title != null && (title.isNull() || title.asText().isBlank());
        String newTitle = title != null && title.isTextual() && !title.asText().isBlank() ? title.asText().strip()
                : null;
        // Context set to null is stored as an empty object: "no context" without a third state.
        JsonNode newContext = context == null ? null : context.isNull() ? com.fasterxml.jackson.databind.node
                .JsonNodeFactory.instance.objectNode() : context;
        String newStatus = status == null ? null : status.asText();
        Conversation changed = bridge.await(() -> pool.withTransaction(db -> conversations.update(db, userId, key,
                newTitle, clearTitle, newContext, newStatus))).orElseThrow(ConversationService::missing);
        if ("archived".equals(newStatus) && changed.summarizedToSeq() < changed.messageCount()) {
            // Archiving runs a final summary of whatever is left (the summary stage ignores it if nothing is).
            queues.send(QueueNames.CHAT, SummarizeRequested.of(key, userId, changed.messageCount(), null));
        }
        return changed;
    }

    /**
     * Asks for the conversation to be summarized up to its last message; {@code changed: false} when it is already.
     * The job it answers with finishes once the summary is written.
     */
    public SummaryRequest summarize(String userId, String id) {
        Conversation c = get(userId, id);
        if (c.summarizedToSeq() >= c.messageCount()) {
            return new SummaryRequest(null, false, c.summarizedToSeq());
        }
        String taskId = JobIds.taskId(JobIds.newBody());
        jobs.create(Job.accepted(taskId, userId, "chat:" + c.id(), c.id().toString(), null, "text/plain",
                new JobOptions(List.of("all"), null, "UTC", c.autoSave())));
        queues.send(QueueNames.CHAT, SummarizeRequested.of(c.id(), userId, c.messageCount(), taskId));
        return new SummaryRequest(taskId, null, c.messageCount());
    }

    public SummaryList summaries(String userId, String id) {
        UUID key = get(userId, id).id();
        return new SummaryList(key, bridge.await(() -> summaries.list(pool, userId, key)));
    }

    /**
     * Deletes the conversation with all its messages and summaries, its summary memory, the profile insights only its
     * messages evidenced and the graph evidence they gave. The profile goes first: it takes the graph's lock, which
     * a summary that records insights takes before its rows too.
     */
    public void delete(String userId, String id) {
        UUID key = parse(id);
        if (!bridge.await(() -> pool.withTransaction(db -> profile.forgetConversation(db, userId, key)
                .chain(() -> summaryMemories.purge(db, userId, key))
                .chain(() -> conversations.delete(db, userId, key))))) {
            throw missing();
        }
    }

    public MessagePage messages(String userId, String id, int afterSeq, int limit) {
        List<String> errors = new ArrayList<>();
        if (afterSeq < 0) {
            errors.add("after_seq: must be 0 or more");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            errors.add("limit: must be 1 to " + MAX_PAGE);
        }
        UUID key = parse(id);
        ChatRequests.check(errors);
        Optional<Conversation> found = bridge.await(() -> conversations.find(pool, userId, key));
        Conversation c = found.orElseThrow(ConversationService::missing);
        List<ChatMessage> page = bridge.await(() -> messages.page(pool, userId, key, afterSeq, limit));
        Integer next = page.size() == limit && page.get(limit - 1).seq() < c.messageCount()
                ? page.get(limit - 1).seq() : null;
        return new MessagePage(key, page, next);
    }

    /** A conversation id from the path; anything else is a conversation nobody has. */
    static UUID parse(String id) {
        return NotFound.parseId(id, "conversation");
    }

    static NotFound missing() {
        return new NotFound("conversation");
    }

    /** Where a page of conversations ends: its last row's creation time and id, opaque to clients. */
    private record Position(OffsetDateTime createdAt, UUID id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + "|" + id)
                    .getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return parts.length == 2 ? new Position(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]))
                        : null;
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return null;
            }
        }
    }
}
