package dev.engram.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The dead-letter sweeper: transient failures go back to their work queue with a growing delay, the rest escalate. */
@ConfigMapping(prefix = "engram.dlq.auto-retry")
public interface DeadLetterSettings {

    /** Whether the scheduled sweep runs at all; off, every dead letter waits for a person as before. */
    @WithDefault("true")
    boolean enabled();

    /** Automatic retries of one dead letter before it is escalated. */
    @WithDefault("3")
    int maxRetries();

    /** The first retry's delay; retry n (from 0) waits backoff × 2^n (SQS delays a message at most 15 minutes). */
    @WithDefault("PT60S")
    Duration backoff();

    /** Dead letters one sweep looks at per queue, so a flooded queue cannot keep the function past its timeout. */
    @WithDefault("200")
    int maxPerRun();

    /** How long a sweep keeps a dead letter it is deciding on out of other sweeps' sight. */
    @WithDefault("PT2M")
    Duration claim();

    /** The SNS topic escalations are published to (the stack's alarm topic); empty: logged and recorded only. */
    Optional<String> topicArn();
}
