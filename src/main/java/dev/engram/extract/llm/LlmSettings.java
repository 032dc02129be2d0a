package dev.engram.extract.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The LLM extraction provider: endpoint, key and model (from {@code ENGRAM_OPENAI_BASE_URL},
 * {@code ENGRAM_OPENAI_API_KEY}, {@code ENGRAM_OPENAI_MODEL}) and its request budget. Retry, timeout, circuit breaker
 * and the static rate limit are the {@code quarkus.fault-tolerance} keys of {@link ExtractionCalls}.
 */
@ConfigMapping(prefix = "engram.llm")
public interface LlmSettings {

    /** The OpenAI-compatible endpoint, e.g. https://api.openai.com/v1/ or http://localhost:11434/v1/ (Ollama). */
    @WithDefault("https://api.openai.com/v1/")
    String baseUrl();

    /** The API key (any value for local servers that ignore it). */
    @WithDefault("not-configured")
    String apiKey();

    /** The chat model that extracts. */
    @WithDefault("gpt-4o-mini")
    String model();

    /** Sampling temperature; 0 keeps answers repeatable. */
    @WithDefault("0")
    double temperature();

    /** The HTTP client's own timeout; the fault-tolerance timeout of {@link ExtractionCalls} is the one that counts. */
    @WithDefault("PT30S")
    Duration clientTimeout();

    /** Extraction requests per minute the provider allows this deployment, shared by every instance. */
    @WithDefault("60")
    int requestsPerMinute();

    /**
     * How many instances share {@link #requestsPerMinute()}: the chunk queue event source's maximum concurrency on
     * AWS (template.yaml sets both from one parameter), 1 locally where one process runs every poller.
     */
    @WithDefault("1")
    int instances();

    /** The rate is multiplied by this on a throttled answer (at most once per round trip). */
    @WithDefault("0.9")
    double decreaseFactor();

    /**
     * How long the rate takes to climb from zero back to the ceiling when the provider stops throttling: after a 10 %
     * decrease the pace regains the quota in a tenth of it (a second at the default), so it stays close to the
     * provider's quota while throttled answers come in small bursts. Slower recovery leaves quota unused
     * ({@code remote_quota_utilisation} of {@code make bench BENCH=remote} measures it).
     */
    @WithDefault("PT10S")
    Duration fullRecovery();

    /** This instance's ceiling: the shared budget divided among the instances. */
    default double perInstanceRequestsPerMinute() {
        return requestsPerMinute() / (double) Math.max(1, instances());
    }
}
