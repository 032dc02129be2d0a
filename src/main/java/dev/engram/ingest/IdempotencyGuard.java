package dev.engram.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.engram.platform.errors.Conflict;
import dev.engram.platform.errors.IdempotencyKeyReused;
import dev.engram.platform.errors.Malformed;
import dev.engram.progress.IdempotencyStore;
import dev.engram.progress.IdempotencyStore.IdempotencyRecord;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Makes a submission happen once per {@code Idempotency-Key}: the first request claims the key for its new task id,
 * a retry gets the first job's answer instead of a second job. A submission that fails before its job exists
 * releases the key, so a corrected retry can proceed. The key is bound to its request (method, path and a hash of
 * the body, as the IETF Idempotency-Key draft and Stripe do): the same key with another endpoint or another body is
 * a client error answered 422, never the first request's answer.
 */
@ApplicationScoped
class IdempotencyGuard {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final JobStore jobs;
    private final IdempotencyStore keys;
    private final ObjectWriter canonical;

    IdempotencyGuard(JobStore jobs, IdempotencyStore keys, ObjectMapper json) {
        this.jobs = jobs;
        this.keys = keys;
        this.canonical = json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /**
     * Runs {@code create} with a fresh task id, or answers with {@code replay} of the job the key was first used for.
     *
     * @param key       the Idempotency-Key header, or null for none
     * @param operation the request's method and path template, e.g. {@code POST /api/v1/uploads}
     * @param body      what the request asked for (its parsed body, or a digest of a file with its fields)
     */
    public <T> T once(String userId, String key, String operation, Object body, Function<String, T> create,
            Function<Job, T> replay) {
        String taskId = JobIds.taskId(JobIds.newBody());
        if (key == null) {
            return create.apply(taskId);
        }
        if (!KEY.matcher(key).matches()) {
            throw new Malformed("Idempotency-Key must be 1 to 128 letters, digits or . _ : -");
        }
        String requestHash = hash(operation, body);
        Optional<IdempotencyRecord> first = claim(new IdempotencyRecord(userId, key, taskId, requestHash));
        if (first.isPresent()) {
            if (first.get().requestHash() != null && !first.get().requestHash().equals(requestHash)) {
                throw new IdempotencyKeyReused("the Idempotency-Key was first used with "
                        + "another request (method, path or body); send a new key with a new request");
            }
            return jobs.findOwned(first.get().taskId(), userId).map(replay)
                    .orElseThrow(() -> new Conflict("the Idempotency-Key was used for a submission that "
                            + "did not complete; retry with a new key"));
        }
        try {
            return create.apply(taskId);
        } catch (RuntimeException e) {
            if (jobs.find(taskId).isEmpty()) {
                keys.delete(userId, key);
            }
            throw e;
        }
    }

    /** Claims the key for this request: empty when the claim succeeded (go ahead), else the first claim. */
    private Optional<IdempotencyRecord> claim(IdempotencyRecord claim) {
        if (keys.put(claim)) {
            return Optional.empty();
        }
        var first = keys.get(claim.userId(), claim.key());
        if (first.isEmpty()) {
            throw new IllegalStateException("the Idempotency-Key was taken, then released or expired meanwhile");
        }
        return first;
    }

    private String hash(String operation, Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(canonical.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("could not fingerprint the request: " + e.getMessage(), e);
        }
    }
}
