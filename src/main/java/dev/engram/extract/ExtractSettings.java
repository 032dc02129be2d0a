package dev.engram.extract;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Extraction provider selection and input limits. */
@ConfigMapping(prefix = "engram.extract")
public interface ExtractSettings {

    /** Provider: {@code rules} (built in, no key) or {@code openai} (any OpenAI-compatible endpoint). */
    @WithDefault("rules")
    String provider();

    /** Longest text accepted by the extract API, in characters. */
    @WithDefault("50000")
    int maxTextChars();

    /** How long a synchronous extraction may take before the queue takes over and the caller gets 202. */
    @WithDefault("PT20S")
    Duration syncDeadline();
}
