package dev.engram.graph;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The knowledge graph: whether processed chunks feed it, and when waiting work is sent again. */
@ConfigMapping(prefix = "engram.graph")
public interface GraphSettings {

    /**
     * Every processed chunk also yields entities and relationships, in a stage of its own, and every profile insight
     * is a fact of its owner's {@code self} person ({@link SelfFacts}).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Who reads a chunk's entities and relationships ({@link dev.engram.extract.GraphExtractor#name()}): {@code rules}
     * (offline) or {@code openai} (the LLM extraction uses, one call per chunk).
     */
    @WithDefault("rules")
    String provider();

    /** Work still pending this long after it was requested is sent to the graph queue again (hourly sweep). */
    @WithDefault("PT15M")
    Duration resendAfter();
}
