package dev.engram.graph;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The knowledge graph: whether processed chunks feed it, and when waiting work is sent again. */
@ConfigMapping(prefix = "engram.graph")
public interface GraphSettings {

    /** Every processed chunk also yields entities and relationships, in a stage of its own. */
    @WithDefault("true")
    boolean enabled();

    /** Work still pending this long after it was requested is sent to the graph queue again (hourly sweep). */
    @WithDefault("PT15M")
    Duration resendAfter();
}
