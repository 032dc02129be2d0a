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
}
