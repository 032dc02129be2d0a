package dev.engram.progress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The DynamoDB table holding jobs, chunk outcomes and idempotency keys. */
@ConfigMapping(prefix = "engram.jobs")
public interface JobTableSettings {

    /** Table name. */
    @WithDefault("engram-jobs")
    String table();

    /** How long job records live before DynamoDB's TTL removes them. */
    @WithDefault("P30D")
    Duration retention();

    /** How long an Idempotency-Key remembers its first answer. */
    @WithDefault("PT24H")
    Duration idempotencyWindow();

    /**
     * How long a job may stay pending in the {@code queued} stage before the sweep fails it as never queued: its
     * submission was cut off between writing the job and sending its split request, and the failure it met could not
     * be recorded either. The split stage moves a queued job on as soon as its message arrives, so only a job whose
     * message never left waits this long.
     */
    @WithDefault("PT30M")
    Duration queuedTimeout();
}
