package dev.engram.extract;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Extraction provider selection and chunking. */
@ConfigMapping(prefix = "engram.extract")
public interface ExtractSettings {

    /** Provider: {@code rules} (built in, no key) or {@code openai} (any OpenAI-compatible endpoint). */
    @WithDefault("rules")
    String provider();

    /** Upper bound of a chunk's estimated tokens (bge-small reads 512). */
    @WithDefault("400")
    int chunkTokens();

    /** Tokens repeated from the end of one chunk at the start of the next. */
    @WithDefault("48")
    int overlapTokens();

    /** Longest text accepted by the extract API, in characters. */
    @WithDefault("50000")
    int maxTextChars();
}
