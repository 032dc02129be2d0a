package dev.engram.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.platform.errors.Conflict;
import dev.engram.platform.errors.Unavailable;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.progress.IdempotencyStore;
import dev.engram.progress.IdempotencyStore.IdempotencyRecord;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Accepts a conversation's new messages. In one Postgres transaction, under the conversation's row lock, the messages
 * get their gapless seqs and, when one is from the user, the id of the job that will extract from them. The job record
 * and the chat-queue message follow, both idempotent: a client that repeats the request with the same
 * {@code client_message_id}s gets the first answer, and if the first attempt stopped between the commit and the
 * queue, the repeat finishes it. An {@code Idempotency-Key} header does the same for the whole request: the key
 * (in the {@link IdempotencyStore}, per user, bound to the path and body) remembers the request's first message, and
 * a repeat answers from the messages that request stored; the key with another request is refused (409).
 */
@ApplicationScoped
public class MessageIntake {

    private static final Logger LOG = Logger.getLogger(MessageIntake.class);
    /** "current" resolves under this per-user lock, so two first messages open one conversation, not two. */
    private static final String CURRENT_LOCK = "SELECT pg_advisory_xact_lock(hashtext('engram.current:' || $1))";

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ConversationRepository conversations;
    private final ChatMessageRepository messages;
    private final JobStore jobs;
    private final QueueSender queues;
    private final ChatSettings settings;
    private final MeterRegistry metrics;
    private final IdempotencyStore keys;
    private final ObjectMapper json;

    MessageIntake(Pool pool, ReactiveBridge bridge, ConversationRepository conversations,
            ChatMessageRepository messages, JobStore jobs, QueueSender queues, ChatSettings settings,
            MeterRegistry metrics, IdempotencyStore keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
        this.pool = pool;
        this.bridge = bridge;
        this.conversations = conversations;
        this.messages = messages;
        this.jobs = jobs;
        this.queues = queues;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** What the transaction did: stored new messages, or found the request's messages stored already. */
    private record Stored(Conversation conversation, String taskId, List<ChatMessage> rows, boolean replay) {
    }

    /**
     * Stores messages in conversation {@code id} ({@code current}: the newest active one, or a new one when there is
     * none or it has been idle for {@code engram.chat.current-idle}).
     */
    public PostedMessages post(String userId, String id, NewMessages body) {
        return post(userId, id, body, null);
    }

    /**
     * Stores messages as {@link #post(String, String, NewMessages)} does, once per {@code idempotencyKey} (null for
     * none): a repeat of the request with the key answers with the messages its first request stored.
     */
    public PostedMessages post(String userId, String id, NewMessages body, String idempotencyKey) {
        List<ChatRequests.Checked> checked = ChatRequests.messages(body, settings.maxMessagesPerRequest());
        UUID key = "current".equals(id) ? null : ConversationService.parse(id);
        UUID firstId = UUID.randomUUID();
        String hash = null;
        if (idempotencyKey != null) {
            IdempotencyStore.checkKey(idempotencyKey);
            hash = IdempotencyStore.requestHash(json, "POST /api/v1/conversations/" + id + "/messages", body);
            Optional<IdempotencyRecord> first = keys.claim(new IdempotencyRecord(userId, idempotencyKey,
                    firstId.toString(), hash));
            if (first.isPresent()) {
                if (!hash.equals(first.get().requestHash()) || first.get().taskId() == null
                        || JobIds.isTaskId(first.get().taskId())) {
                    throw new Conflict("the Idempotency-Key was first used with another request (conversation or "
                            + "body); send a new key with a new request");
                }
                return answer(userId, repeat(userId, first.get().taskId(), checked.size()));
            }
        }
        String taskId = checked.stream().anyMatch(m -> m.role().equals("user")) ? JobIds.taskId(JobIds.newBody())
                : null;
        Stored stored;
        try {
            stored = bridge.await(() -> pool.withTransaction(db -> target(db, userId, key)
                    .chain(c -> store(db, userId, c, taskId, checked, firstId))));
        } catch (RuntimeException e) {
            if (idempotencyKey != null) {
                keys.delete(userId, idempotencyKey); // nothing was stored: a corrected retry may use the key
            }
            throw e;
        }
        if (idempotencyKey != null && !stored.rows().get(0).id().equals(firstId)) {
            // client_message_id found the messages of an earlier request: the key remembers those.
            keys.delete(userId, idempotencyKey);
            keys.put(new IdempotencyRecord(userId, idempotencyKey, stored.rows().get(0).id().toString(), hash));
        }
        if (!stored.replay()) {
            metrics.counter("engram.chat.messages.received").increment(stored.rows().size());
        }
        return answer(userId, stored);
    }

    private PostedMessages answer(String userId, Stored stored) {
        if (!stored.replay() || stored.rows().stream().anyMatch(m -> m.processing().equals("pending"))) {
            dispatch(userId, stored);
        }
        return new PostedMessages(stored.conversation().id(), stored.taskId(), stored.rows().stream()
                .map(m -> new PostedMessages.Posted(m.id(), m.seq(), m.processing())).toList());
    }

    /** The messages an Idempotency-Key's first request stored, from its first message on. */
    private Stored repeat(String userId, String firstMessage, int count) {
        Optional<Stored> found = bridge.await(() -> messages.locate(pool, userId, UUID.fromString(firstMessage))
                .chain(m -> m.isEmpty() ? Uni.createFrom().item(Optional.<Stored>empty())
                        : conversations.find(pool, userId, m.get().conversationId()).chain(c -> messages.range(pool,
                                userId, m.get().conversationId(), m.get().message().seq(),
                                m.get().message().seq() + count - 1)
                                .map(rows -> c.map(conv -> new Stored(conv, rows.get(0).taskId(), rows, true))))));
        return found.orElseThrow(() -> new Conflict("the Idempotency-Key's first request has not stored its "
                + "messages (it is still running, or failed): retry shortly, or with a new key"));
    }

    /** The conversation to write to, locked. */
    private Uni<Conversation> target(SqlConnection db, String userId, UUID key) {
        if (key != null) {
            return conversations.lock(db, userId, key).map(c -> c.orElseThrow(ConversationService::missing));
        }
        return db.preparedQuery(CURRENT_LOCK).execute(Tuple.of(userId))
                .chain(() -> conversations.newestActive(db, userId))
                .chain(found -> {
                    OffsetDateTime idleSince = OffsetDateTime.now().minus(settings.currentIdle());
                    boolean fresh = found.isPresent() && !Objects.requireNonNullElse(found.get().lastMessageAt(),
                            found.get().createdAt()).isBefore(idleSince);
                    return fresh ? conversations.lock(db, userId, found.get().id()).map(c -> c.orElseThrow())
                            : conversations.insert(db, userId, null, null, false);
                });
    }

    private Uni<Stored> store(SqlConnection db, String userId, Conversation c, String taskId,
            List<ChatRequests.Checked> checked, UUID firstId) {
        List<String> clientIds = checked.stream().map(ChatRequests.Checked::clientMessageId)
                .filter(Objects::nonNull).toList();
        Uni<List<ChatMessage>> earlier = clientIds.isEmpty() ? Uni.createFrom().item(List.of())
                : messages.byClientIds(db, userId, c.id(), clientIds);
        return earlier.chain(found -> {
            if (!found.isEmpty()) {
                return Uni.createFrom().item(replay(c, checked, found));
            }
            if (c.status().equals("archived")) {
                throw new Conflict("archived; PATCH status active");
            }
            return messages.lastCreatedAt(db, userId, c.id()).chain(last -> insert(db, userId, c, taskId, checked,
                    last, firstId));
        });
    }

    /** The first answer to a repeated request, or 409 when the repeat is not the same request. */
    private static Stored replay(Conversation c, List<ChatRequests.Checked> checked, List<ChatMessage> found) {
        if (found.size() != checked.size()) {
            throw new Conflict("some of these client_message_id values were used by an earlier request "
                    + "and some were not; repeat that request as it was, or send new ids");
        }
        for (int i = 0; i < checked.size(); i++) {
            ChatRequests.Checked asked = checked.get(i);
            ChatMessage first = found.get(i);
            if (!Objects.equals(asked.clientMessageId(), first.clientMessageId())
                    || !asked.role().equals(first.role()) || !Objects.equals(asked.content(), first.content())) {
                throw new Conflict("client_message_id " + asked.clientMessageId()
                        + " was used for another message of this conversation");
            }
        }
        return new Stored(c, found.get(0).taskId(), found, true);
    }

    private Uni<Stored> insert(SqlConnection db, String userId, Conversation c, String taskId,
            List<ChatRequests.Checked> checked, OffsetDateTime lastStored, UUID firstId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime previous = lastStored;
        List<ChatMessageRepository.NewRow> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            ChatRequests.Checked m = checked.get(i);
            OffsetDateTime at = m.createdAt();
            if (at == null) {
                at = previous != null && previous.isAfter(now) ? previous : now;
            } else if (previous != null && at.isBefore(previous)) {
                errors.add("messages[" + i + "].created_at: is before the conversation's last message ("
                        + previous + ")");
            }
            previous = at;
            rows.add(new ChatMessageRepository.NewRow(i == 0 ? firstId : UUID.randomUUID(), c.messageCount() + i + 1,
                    m.role(),
                    m.content(), m.metadata(), m.clientMessageId(), at));
        }
        ChatRequests.check(errors);
        OffsetDateTime newest = previous;
        return messages.insertAll(db, userId, c.id(), taskId, rows)
                .chain(() -> conversations.addMessages(db, userId, c.id(), rows.size(), newest))
                .map(x -> new Stored(c, taskId, rows.stream().map(r -> new ChatMessage(r.id(), r.seq(), r.role(),
                        r.content(), r.metadata(), r.clientMessageId(), null, "pending", null, null, taskId,
                        r.createdAt())).toList(), false));
    }

    /**
     * Creates the job (if the messages have one) and queues the messages for the chat stage. Both are idempotent; if
     * either fails the messages stay stored and pending, and repeating the request finishes it.
     */
    private void dispatch(String userId, Stored s) {
        Conversation c = s.conversation();
        try {
            if (s.taskId() != null) {
                String date = s.rows().get(0).createdAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate()
                        .toString();
                jobs.create(Job.accepted(s.taskId(), userId, "chat:" + c.id(), c.id().toString(), null,
                        "text/plain", new JobOptions(List.of("all"), date, "UTC", c.autoSave())));
            }
            queues.send(QueueNames.CHAT, new ChatMessagesAdded(c.id(), userId, s.rows().get(0).seq(),
                    s.rows().get(s.rows().size() - 1).seq(), s.taskId()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "messages %d-%d of conversation %s are stored but could not be queued",
                    s.rows().get(0).seq(), s.rows().get(s.rows().size() - 1).seq(), c.id());
            throw new Unavailable("the messages are stored but could not be queued for processing; repeat "
                    + "the request with the same client_message_id values to finish it");
        }
    }
}
