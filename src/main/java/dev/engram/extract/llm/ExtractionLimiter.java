package dev.engram.extract.llm;

import dev.engram.platform.ratelimit.AdaptiveRateLimiter;
import dev.engram.platform.ratelimit.ProviderLimiter;
import dev.engram.platform.ratelimit.ProviderLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;

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
        double recoveryPerSecond = ceiling / Math.max(1, settings.fullRecovery().toSeconds());
        return new AdaptiveRateLimiter("llm-extract", ceiling, settings.decreaseFactor(), recoveryPerSecond * 60);
    }

    /** Makes each retry of {@link ExtractionCalls#ask} wait its turn too, so retries never bypass the pace. */
    @Dependent
    public static class BeforeRetry extends WaitBeforeRetry {

        BeforeRetry(ExtractionLimiter limiter) {
            super(limiter);
        }
    }
}
