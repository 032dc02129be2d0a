package dev.engram.ingest;

import dev.engram.platform.web.ApiException;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Makes a submission happen once per {@code Idempotency-Key}: the first request claims the key for its new task id,
 * a retry gets the first job's answer instead of a second job. A submission that fails before its job exists
 * releases the key, so a corrected retry can proceed.
 */
@ApplicationScoped
public class IdempotencyGuard {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final JobStore jobs;

    IdempotencyGuard(JobStore jobs) {
        this.jobs = jobs;
    }

    /**
     * Runs {@code create} with a fresh task id, or answers with {@code replay} of the job the key was first used for.
     *
     * @param key the Idempotency-Key header, or null for none
     */
    public <T> T once(String userId, String key, Function<String, T> create, Function<Job, T> replay) {
        String taskId = JobIds.taskId(JobIds.newBody());
        if (key == null) {
            return create.apply(taskId);
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 128 letters, digits or . _ : -");
        }
        Optional<String> first = jobs.claimIdempotencyKey(userId, key, taskId);
        if (first.isPresent()) {
            return jobs.findOwned(first.get(), userId).map(replay)
                    .orElseThrow(() -> ApiException.conflict("the Idempotency-Key was used for a submission that "
                            + "did not complete; retry with a new key"));
        }
        try {
            return create.apply(taskId);
        } catch (RuntimeException e) {
            if (jobs.find(taskId).isEmpty()) {
                jobs.releaseIdempotencyKey(userId, key);
            }
            throw e;
        }
    }
}
