package dev.engram.progress;

import static dev.engram.progress.JobItems.n;
import static dev.engram.progress.JobItems.s;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency-Keys in the job table (pk {@code IDEM#<user>#<key>}, sk {@code IDEM}), each remembering the job its
 * first request created for {@link JobTableSettings#idempotencyWindow()}: get, a conditional put and delete, the
 * persistence contract of an idempotency layer. What a key means to a request is the caller's business.
 */
@ApplicationScoped
public class IdempotencyStore {

    private final JobTable table;

    IdempotencyStore(DynamoDbClient dynamo, JobTableSettings settings) {
        this.table = new JobTable(dynamo, settings);
    }

    /**
     * A used Idempotency-Key.
     *
     * @param userId      whose key it is
     * @param key         the key as the client sent it
     * @param taskId      the job its first request created
     * @param requestHash the hash of that request (null for keys recorded before keys were bound to requests)
     */
    public record IdempotencyRecord(String userId, String key, String taskId, String requestHash) {
    }

    /**
     * Stores a key unless it is stored already; it expires after the window.
     *
     * @return false when the key was taken: {@link #get} tells by whom
     */
    public boolean put(IdempotencyRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(JobItems.idempotencyKey(record.userId(), record.key()));
        item.put("task_id", s(record.taskId()));
        item.put("request_hash", s(record.requestHash()));
        item.put(JobItems.TTL, n(table.instant().plus(table.settings().idempotencyWindow()).getEpochSecond()));
        try {
            table.dynamo().putItem(b -> b.tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A stored key, read consistently. */
    public Optional<IdempotencyRecord> get(String userId, String key) {
        var item = table.dynamo().getItem(g -> g.tableName(table.name()).consistentRead(true)
                .key(JobItems.idempotencyKey(userId, key))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        var hash = item.get("request_hash");
        return Optional.of(new IdempotencyRecord(userId, key, item.get("task_id").s(), hash == null ? null : hash.s()));
    }

    /** Forgets a key, so the next request that brings it is a first one. */
    public void delete(String userId, String key) {
        table.dynamo().deleteItem(b -> b.tableName(table.name()).key(JobItems.idempotencyKey(userId, key)));
    }
}
