package dev.engram.extract.llm;

import dev.engram.platform.ratelimit.AdaptiveRateLimiter;
import dev.engram.platform.ratelimit.ProviderLimits;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/**
 * This instance's adaptive limiter for extraction requests, fed by the provider's answers to
 * {@code /chat/completions}: its ceiling is the shared budget divided among the instances.
 */
@ApplicationScoped
public class ExtractionLimiter {

    private final AdaptiveRateLimiter limiter;

    ExtractionLimiter(ProviderLimits limits, LlmSettings settings) {
        double ceiling = settings.perInstanceRequestsPerMinute();
        double recoveryPerSecond = ceiling / Math.max(1, settings.fullRecovery().toSeconds());
        this.limiter = limits.register("/chat/completions", new AdaptiveRateLimiter("llm-extract", ceiling,
                settings.decreaseFactor(), recoveryPerSecond * 60));
    }

    /** Waits for this caller's turn. */
    public void awaitTurn() throws InterruptedException {
        limiter.acquire();
    }

    public AdaptiveRateLimiter limiter() {
        return limiter;
    }

    /** Makes each retry of {@link ExtractionCalls#ask} wait its turn too, so retries never bypass the pace. */
    @Dependent
    public static class BeforeRetry implements BeforeRetryHandler {

        private final ExtractionLimiter limiter;

        BeforeRetry(ExtractionLimiter limiter) {
            this.limiter = limiter;
        }

        @Override
        public void handle(ExecutionContext context) {
            try {
                limiter.awaitTurn();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
