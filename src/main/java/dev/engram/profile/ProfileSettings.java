package dev.engram.profile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How profile insights are read from what users write. */
@ConfigMapping(prefix = "engram.profile")
public interface ProfileSettings {

    /**
     * Who reads traits from user messages ({@link TraitReader#name()}): {@code rules} (offline, first-person
     * patterns) or {@code openai} (the LLM of {@code engram.llm.*}).
     */
    @WithDefault("rules")
    String insightProvider();
}
