package dev.engram.progress;

import static dev.engram.progress.JobItems.n;
import static dev.engram.progress.JobItems.s;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What happened to each dead letter after it reached its dead-letter queue: automatic retries (count, delays, when
 * the last one becomes due) and its escalation, one item per message body in the job table (pk
 * {@code DLQ#<queue>#<fingerprint>}, expiring with the table's retention). A redriven message keeps its body, so
 * it finds its record again when it fails once more. Every change is conditional: two sweeps at once retry or
 * escalate a dead letter once.
 */
@ApplicationScoped
public class DeadLetterLedger {

    private static final String SK = "DLQ";

    private final DynamoDbClient dynamo;
    private final JobTableSettings settings;

    DeadLetterLedger(DynamoDbClient dynamo, JobTableSettings settings) {
        this.dynamo = dynamo;
        this.settings = settings;
    }

    /**
     * A dead letter's record.
     *
     * @param queue         the logical work queue it belongs to
     * @param fingerprint   the hash of its body
     * @param taskId        its job, if the body names one
     * @param userId        the job's owner, if known
     * @param chunk         its chunk index, for chunk messages
     * @param reason        the failure recorded for it
     * @param kind          transient | permanent
     * @param retries       automatic retries so far
     * @param delaysSeconds the delay of each retry, in order
     * @param nextRetryAt   when the last retry's message becomes visible in its work queue, if retried
     * @param escalatedAt   when it was handed to people, if it was
     */
    public record Entry(String queue, String fingerprint, String taskId, String userId, Integer chunk,
            String reason, String kind, int retries, List<Integer> delaysSeconds, Instant nextRetryAt,
            Instant escalatedAt) {

        /** A dead letter seen for the first time. */
        public static Entry fresh(String queue, String fingerprint, String taskId, String userId, Integer chunk,
                String reason, String kind) {
            return new Entry(queue, fingerprint, taskId, userId, chunk, reason, kind, 0, List.of(), null, null);
        }

        /** This record with what the sweep found now (reason and kind may have changed since). */
        public Entry describedAs(String newReason, String newKind) {
            return new Entry(queue, fingerprint, taskId, userId, chunk, newReason, newKind, retries, delaysSeconds,
                    nextRetryAt, escalatedAt);
        }

        public boolean escalated() {
            return escalatedAt != null;
        }
    }

    /** The record of a dead letter, read consistently. */
    public Optional<Entry> find(String queue, String fingerprint) {
        var item = dynamo.getItem(b -> b.tableName(settings.table()).key(key(queue, fingerprint))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Takes retry number {@code entry.retries() + 1}, due {@code delay} from {@code now}: true for exactly one
     * caller, and only when the record still shows {@code entry.retries()} retries, is not escalated and its previous
     * retry is due (a second copy of a message already sent back is no reason to send it again).
     */
    public boolean claimRetry(Entry entry, Instant now, Duration delay) {
        Map<String, AttributeValue> values = new HashMap<>(describe(entry));
        values.put(":n", n(entry.retries() + 1));
        values.put(":next", n(now.plus(delay).toEpochMilli()));
        values.put(":now", n(now.toEpochMilli()));
        values.put(":d", AttributeValue.fromL(List.of(n(delay.toSeconds()))));
        values.put(":empty", AttributeValue.fromL(List.of()));
        String condition = (entry.retries() == 0 ? "attribute_not_exists(retries)" : "retries = :prev")
                + " AND attribute_not_exists(escalated_at) AND (attribute_not_exists(next_retry_at)"
                + " OR next_retry_at <= :now)";
        if (entry.retries() > 0) {
            values.put(":prev", n(entry.retries()));
        }
        return conditionally("SET " + DESCRIBE + ", retries = :n, next_retry_at = :next, last_retry_at = :now, "
                + "delays = list_append(if_not_exists(delays, :empty), :d)", condition, entry, values);
    }

    /** Gives back a retry taken with {@link #claimRetry} whose message could not be sent. */
    public void releaseRetry(Entry entry) {
        var values = new HashMap<String, AttributeValue>(Map.of(":taken", n(entry.retries() + 1)));
        String update = entry.retries() == 0 ? "REMOVE retries, next_retry_at, delays"
                : "SET retries = :prev, next_retry_at = :old REMOVE delays[" + entry.retries() + "]";
        if (entry.retries() > 0) {
            values.put(":prev", n(entry.retries()));
            values.put(":old", n(entry.nextRetryAt() == null ? 0 : entry.nextRetryAt().toEpochMilli()));
        }
        conditionally(update, "retries = :taken", entry, values);
    }

    /** Marks a dead letter escalated: true for exactly one caller, the one that then announces it. */
    public boolean claimEscalation(Entry entry, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(describe(entry));
        values.put(":now", n(now.toEpochMilli()));
        return conditionally("SET " + DESCRIBE + ", escalated_at = :now", "attribute_not_exists(escalated_at)",
                entry, values);
    }

    /** Takes back an escalation that could not be announced, so the next sweep announces it. */
    public void releaseEscalation(Entry entry, Instant claimedAt) {
        conditionally("REMOVE escalated_at", "escalated_at = :at", entry,
                Map.of(":at", n(claimedAt.toEpochMilli())));
    }

    private static final String DESCRIBE = "queue_name = :q, reason = :r, kind = :k, expires_at = :ttl"
            + ", task_id = if_not_exists(task_id, :t), user_id = if_not_exists(user_id, :u)"
            + ", chunk_index = if_not_exists(chunk_index, :c)";

    private Map<String, AttributeValue> describe(Entry entry) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":q", s(entry.queue()));
        values.put(":r", s(entry.reason() == null ? "" : entry.reason()));
        values.put(":k", s(entry.kind()));
        values.put(":ttl", n(Instant.now().plus(settings.retention()).getEpochSecond()));
        values.put(":t", s(entry.taskId() == null ? "" : entry.taskId()));
        values.put(":u", s(entry.userId() == null ? "" : entry.userId()));
        values.put(":c", n(entry.chunk() == null ? -1 : entry.chunk()));
        return values;
    }

    private boolean conditionally(String update, String condition, Entry entry, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(settings.table()).key(key(entry.queue(), entry.fingerprint()))
                    .updateExpression(update).conditionExpression(condition).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String queue, String fingerprint) {
        return Map.of(JobItems.PK, s("DLQ#" + queue + "#" + fingerprint), JobItems.SK, s(SK));
    }

    private static Entry fromItem(Map<String, AttributeValue> item) {
        String pk = item.get(JobItems.PK).s();
        String fingerprint = pk.substring(pk.lastIndexOf('#') + 1);
        List<Integer> delays = new ArrayList<>();
        if (item.containsKey("delays")) {
            item.get("delays").l().forEach(d -> delays.add(Integer.parseInt(d.n())));
        }
        int chunk = item.containsKey("chunk_index") ? Integer.parseInt(item.get("chunk_index").n()) : -1;
        return new Entry(text(item, "queue_name"), fingerprint, text(item, "task_id"), text(item, "user_id"),
                chunk < 0 ? null : chunk, text(item, "reason"), text(item, "kind"),
                item.containsKey("retries") ? Integer.parseInt(item.get("retries").n()) : 0, List.copyOf(delays),
                instant(item, "next_retry_at"), instant(item, "escalated_at"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null || v.s().isEmpty() ? null : v.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(v.n()));
    }
}
