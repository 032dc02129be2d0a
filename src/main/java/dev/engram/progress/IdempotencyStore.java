package dev.engram.progress;

import static dev.engram.progress.JobItems.n;
import static dev.engram.progress.JobItems.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.engram.platform.errors.Malformed;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency-Keys in the job table (pk {@code IDEM#<user>#<key>}, sk {@code IDEM}), each remembering the job its
 * first request created for {@link JobTableSettings#idempotencyWindow()}: get, a conditional put and delete, the
 * persistence contract of an idempotency layer, with the two rules every caller shares: what a key may look like
 * ({@link #checkKey}) and how a request is fingerprinted ({@link #requestHash}). What a key means to a request is the
 * caller's business: a submission remembers its job, a chat post its first message.
 */
@ApplicationScoped
public class IdempotencyStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final JobTable table;

    IdempotencyStore(DynamoDbClient dynamo, JobTableSettings settings) {
        this.table = new JobTable(dynamo, settings);
    }

    /**
     * A used Idempotency-Key.
     *
     * @param userId      whose key it is
     * @param key         the key as the client sent it
     * @param taskId      what its first request created: the job of a submission, the first message of a chat post
     * @param requestHash the hash of that request (null for keys recorded before keys were bound to requests)
     */
    public record IdempotencyRecord(String userId, String key, String taskId, String requestHash) {
    }

    /** Refuses (400) an Idempotency-Key header that is not 1 to 128 letters, digits or {@code . _ : -}. */
    public static void checkKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new Malformed("Idempotency-Key must be 1 to 128 letters, digits or . _ : -");
        }
    }

    /**
     * A request's fingerprint, which binds a key to it: SHA-256 of its method and path template ({@code operation})
     * and its body as canonical JSON (map entries ordered by key).
     */
    public static String requestHash(ObjectMapper json, String operation, Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("could not fingerprint the request: " + e.getMessage(), e);
        }
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

    /** Claims the key for a request: empty when the claim succeeded (go ahead), else the first claim. */
    public Optional<IdempotencyRecord> claim(IdempotencyRecord claim) {
        if (put(claim)) {
            return Optional.empty();
        }
        var first = get(claim.userId(), claim.key());
        if (first.isEmpty()) {
            throw new IllegalStateException("the Idempotency-Key was taken, then released or expired meanwhile");
        }
        return first;
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
