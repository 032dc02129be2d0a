package dev.engram.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Review and dedupe behaviour. */
@ConfigMapping(prefix = "engram.review")
public interface ReviewSettings {

    /** Cosine similarity from which two memories of the same type and key metadata are duplicates. */
    @WithDefault("0.85")
    double duplicateThreshold();

    /** How long extracted memories wait for review before they expire. */
    @WithDefault("PT24H")
    Duration pendingTtl();
}
