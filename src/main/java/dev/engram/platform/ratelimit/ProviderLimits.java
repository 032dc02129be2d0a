package dev.engram.platform.ratelimit;

import dev.engram.platform.metrics.ProviderCallMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The adaptive limiters of this instance, one per provider endpoint, and where the provider's answers reach them: a
 * provider client registers its limiter under the path its requests go to, and {@link ProviderRateSignalsFilter}
 * feeds every answer's quota headers to the limiter of that path.
 */
@ApplicationScoped
public class ProviderLimits {

    private static final Logger LOG = Logger.getLogger(ProviderLimits.class);

    private final Map<String, AdaptiveRateLimiter> byPathSuffix = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;
    private final ProviderCallMetrics calls;

    ProviderLimits(MeterRegistry metrics, ProviderCallMetrics calls) {
        this.metrics = metrics;
        this.calls = calls;
    }

    /** Routes answers to requests whose path ends with {@code pathSuffix} to {@code limiter}. */
    public AdaptiveRateLimiter register(String pathSuffix, AdaptiveRateLimiter limiter) {
        byPathSuffix.put(pathSuffix, limiter);
        metrics.gauge("engram.llm.rate.rpm", java.util.List.of(io.micrometer.core.instrument.Tag.of("limiter",
                limiter.name())), limiter, AdaptiveRateLimiter::requestsPerMinute);
        return limiter;
    }

    /** The limiter for a request path, if a provider registered one. */
    public Optional<AdaptiveRateLimiter> forPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (var e : byPathSuffix.entrySet()) {
            if (path.endsWith(e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * One provider answer.
     *
     * @param path   the request's path
     * @param sentAt when the request left ({@link System#nanoTime()})
     * @param status the HTTP status
     * @param header response header lookup (null when absent)
     */
    public void observe(String path, long sentAt, int status, Function<String, String> header) {
        forPath(path).ifPresent(limiter -> {
            RateSignals signals = RateSignals.parse(header, Instant.now());
            calls.call(limiter.name(), status == 429 ? "rate_limited" : status >= 400 ? "error" : "ok",
                    Duration.ofNanos(System.nanoTime() - sentAt));
            if (signals.limit() > 0) {
                limiter.onQuotaStated(signals.limit());
            }
            if (status == 429) {
                limiter.onThrottled(sentAt, signals.retryAfter());
                LOG.debugf("%s throttled (retry after %s); rate now %.0f/min", limiter.name(), signals.retryAfter(),
                        limiter.requestsPerMinute());
            } else if (status < 400 && signals.remaining() == 0) {
                limiter.onQuotaSpent(sentAt);
            }
        });
    }
}
