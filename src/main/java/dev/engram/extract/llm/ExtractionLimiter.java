package dev.engram.extract.llm;

import dev.engram.platform.ratelimit.AdaptiveRateLimiter;
import dev.engram.platform.ratelimit.ProviderLimiter;
import dev.engram.platform.ratelimit.ProviderLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;

/**
 * This instance's adaptive limiter for extraction requests, fed by the provider's answers to
 * {@code /chat/completions}: its ceiling is the shared budget divided among the instances.
 */
@ApplicationScoped
public class ExtractionLimiter extends ProviderLimiter {

    ExtractionLimiter(ProviderLimits limits, LlmSettings settings) {
        super(limits, "/chat/completions", paced(settings));
    }

    private static AdaptiveRateLimiter paced(LlmSettings settings) {
        double ceiling = settings.perInstanceRequestsPerMinute();
        return new AdaptiveRateLimiter("llm-extract", ceiling, settings.decreaseFactor(),
                recoveryPerMinute(ceiling, settings.fullRecovery()));
    }

    /**
     * The requests per minute the pace regains each second so that it climbs from zero to {@code ceiling} (requests
     * per minute) in {@code fullRecovery}.
     */
    static double recoveryPerMinute(double ceiling, Duration fullRecovery) {
        return ceiling / Math.max(1, fullRecovery.toSeconds());
    }

    /** Makes each retry of {@link ExtractionCalls#ask} wait its turn too, so retries never bypass the pace. */
    @Dependent
    public static class BeforeRetry extends WaitBeforeRetry {

        BeforeRetry(ExtractionLimiter limiter) {
            super(limiter);
        }
    }
}
