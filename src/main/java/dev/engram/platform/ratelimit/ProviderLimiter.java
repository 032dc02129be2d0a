package dev.engram.platform.ratelimit;

import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/**
 * This instance's pace for one provider endpoint: an {@link AdaptiveRateLimiter} registered with
 * {@link ProviderLimits} under the endpoint's path, so the provider's answers (429, rate-limit headers) tune it.
 * A feature subclasses it as an application-scoped bean and names a {@link WaitBeforeRetry} subclass in
 * {@code @BeforeRetry}, so retries wait their turn too and never bypass the pace.
 */
public abstract class ProviderLimiter {

    private final AdaptiveRateLimiter limiter;

    protected ProviderLimiter(ProviderLimits limits, String endpoint, AdaptiveRateLimiter limiter) {
        this.limiter = limits.register(endpoint, limiter);
    }

    /** For the CDI client proxy only. */
    protected ProviderLimiter() {
        this.limiter = null;
    }

    /** Waits for this caller's turn. */
    public void awaitTurn() throws InterruptedException {
        limiter.acquire();
    }

    public AdaptiveRateLimiter limiter() {
        return limiter;
    }

    /** Makes each retry wait its turn at {@code limiter} before it calls again. */
    public abstract static class WaitBeforeRetry implements BeforeRetryHandler {

        private final ProviderLimiter limiter;

        protected WaitBeforeRetry(ProviderLimiter limiter) {
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
