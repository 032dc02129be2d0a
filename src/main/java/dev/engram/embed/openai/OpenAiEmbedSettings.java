package dev.engram.embed.openai;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The OpenAI-compatible embedding provider ({@code engram.embed.provider=openai}). The vector length is
 * {@code engram.embed.dimension}; pgvector indexes at most 2,000 dimensions, so large models are asked for fewer.
 */
@ConfigMapping(prefix = "engram.embed.openai")
public interface OpenAiEmbedSettings {

    /** The endpoint, e.g. https://api.openai.com/v1/ or a local Ollama/vLLM at http://localhost:11434/v1/. */
    @WithDefault("https://api.openai.com/v1/")
    String baseUrl();

    /** The API key (any value for servers that ignore it). */
    @WithDefault("not-configured")
    String apiKey();

    /** The embedding model. */
    @WithDefault("text-embedding-3-small")
    String model();

    /**
     * Whether to send the {@code dimensions} parameter (text-embedding-3 models shorten their vectors to it; older
     * models and some servers refuse it, then the model's own length must equal {@code engram.embed.dimension}).
     */
    @WithDefault("true")
    boolean requestDimensions();

    /** Texts per embedding request. */
    @WithDefault("64")
    int batchSize();

    /** Embedding requests per minute for this instance (the ceiling of its adaptive limiter). */
    @WithDefault("300")
    int requestsPerMinute();

    /** The HTTP client's own timeout; the fault-tolerance timeout of {@link EmbeddingCalls} is the one that counts. */
    @WithDefault("PT30S")
    Duration clientTimeout();
}
