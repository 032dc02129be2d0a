package dev.engram.platform.logging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Engram's log lines look. */
@ConfigMapping(prefix = "engram.logging")
public interface LoggingSettings {

    /** One JSON object per line (with the MDC keys of {@link LogContext}), for CloudWatch Logs Insights. */
    @WithDefault("false")
    boolean json();
}
