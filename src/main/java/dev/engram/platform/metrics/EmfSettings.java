package dev.engram.platform.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * CloudWatch Embedded Metric Format output: Engram's metrics written to stdout as EMF documents at the end of each
 * Lambda invocation, which CloudWatch Logs turns into metrics without an API call. Off outside Lambda, where
 * {@code /q/metrics} (Prometheus) serves them.
 */
@ConfigMapping(prefix = "engram.metrics.emf")
public interface EmfSettings {

    /** Write EMF documents; unset means "when running in Lambda" (see {@link #functionName()}). */
    Optional<Boolean> enabled();

    /** The Lambda function's name ({@code AWS_LAMBDA_FUNCTION_NAME}), present only in Lambda. */
    Optional<String> functionName();

    /** CloudWatch namespace of the metrics; the template's dashboard and alarms read the same one. */
    @WithDefault("Engram")
    String namespace();

    /** Only meters whose names start with this prefix are written (JVM and HTTP meters stay local). */
    @WithDefault("engram.")
    String meterPrefix();

    /** Whether EMF output is on: the explicit flag, else whether this runs in Lambda. */
    default boolean active() {
        return enabled().orElse(functionName().isPresent());
    }
}
