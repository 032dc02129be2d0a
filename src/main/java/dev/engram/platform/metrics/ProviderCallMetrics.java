package dev.engram.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Meters of calls to an external model provider (LLM extraction, remote embeddings), under the names the template's
 * dashboard reads: {@code engram.llm.requests} (a timer per call, tags {@code provider} and {@code outcome}) and
 * {@code engram.llm.rate_limited} (answers 429, tag {@code provider}).
 */
@ApplicationScoped
public class ProviderCallMetrics {

    /** Timer of provider calls. */
    public static final String REQUESTS = "engram.llm.requests";
    /** Counter of calls the provider refused with 429. */
    public static final String RATE_LIMITED = "engram.llm.rate_limited";

    private final MeterRegistry metrics;

    ProviderCallMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /**
     * Records one call.
     *
     * @param provider e.g. {@code openai}
     * @param outcome  {@code ok}, {@code rate_limited}, {@code error} or {@code timeout}
     * @param took     how long it took
     */
    public void call(String provider, String outcome, Duration took) {
        Timer.builder(REQUESTS).tag("provider", provider).tag("outcome", outcome).register(metrics).record(took);
        if ("rate_limited".equals(outcome)) {
            metrics.counter(RATE_LIMITED, "provider", provider).increment();
        }
    }
}
