package dev.engram.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.platform.errors.Conflict;
import dev.engram.platform.errors.IdempotencyKeyReused;
import dev.engram.progress.IdempotencyStore;
import dev.engram.progress.IdempotencyStore.IdempotencyRecord;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes a submission happen once per {@code Idempotency-Key}: the first request claims the key for its new task id,
 * a retry gets the first job's answer instead of a second job. A submission that fails before its job exists
 * releases the key, so a corrected retry can proceed. The key is bound to its request (method, path and a hash of
 * the body, as the IETF Idempotency-Key draft and Stripe do): the same key with another endpoint or another body is
 * a client error answered 422, never the first request's answer.
 */
@ApplicationScoped
class IdempotencyGuard {

    private final JobStore jobs;
    private final IdempotencyStore keys;
    private final ObjectMapper json;

    IdempotencyGuard(JobStore jobs, IdempotencyStore keys, ObjectMapper json) {
        this.jobs = jobs;
        this.keys = keys;
        this.json = json;
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
        IdempotencyStore.checkKey(key);
        String requestHash = IdempotencyStore.requestHash(json, operation, body);
        Optional<IdempotencyRecord> first = keys.claim(new IdempotencyRecord(userId, key, taskId, requestHash));
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
}
