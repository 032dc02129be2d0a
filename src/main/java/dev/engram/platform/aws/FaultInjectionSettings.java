package dev.engram.platform.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Faults {@link FaultInjection} throws at random, for the chaos run ({@code make chaos}) only: off unless
 * {@code enabled} is set, and the interceptor is listed only in the chaos run's own build.
 */
@ConfigMapping(prefix = "engram.fault-injection")
public interface FaultInjectionSettings {

    /** Whether any fault is injected at all. */
    @WithDefault("false")
    boolean enabled();

    /** Share of DynamoDB calls that fail: transactions cancelled by a conflict or throttling, others throttled. */
    @WithDefault("0")
    double dynamodbRate();

    /** Share of SQS calls (receives excepted) that fail with a 5xx or time out. */
    @WithDefault("0")
    double sqsRate();

    /** Share of S3 calls (listings excepted) that fail with a 5xx or time out. */
    @WithDefault("0")
    double s3Rate();

    /**
     * Share of chunk-counting DynamoDB transactions before which the JVM halts on the spot, as {@code kill -9}
     * between the Postgres commit and the DynamoDB count does.
     */
    @WithDefault("0")
    double haltBeforeCountRate();

    /** File each injected fault's kind is appended to, one line a fault. */
    Optional<String> log();

    /** While this file exists, nothing is injected (the run's faults have stopped). */
    Optional<String> stopFile();
}
