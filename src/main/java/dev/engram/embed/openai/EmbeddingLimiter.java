package dev.engram.embed.openai;

import dev.engram.platform.ratelimit.AdaptiveRateLimiter;
import dev.engram.platform.ratelimit.ProviderLimits;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/** This instance's adaptive limiter for embedding requests, fed by the provider's answers to {@code /embeddings}. */
@ApplicationScoped
public class EmbeddingLimiter {

    private final AdaptiveRateLimiter limiter;

    EmbeddingLimiter(ProviderLimits limits, OpenAiEmbedSettings settings) {
        this.limiter = limits.register("/embeddings", new AdaptiveRateLimiter("openai-embed",
                settings.requestsPerMinute(), 0.9, settings.requestsPerMinute()));
    }

    /** Waits for this caller's turn. */
    public void awaitTurn() throws InterruptedException {
        limiter.acquire();
    }

    /** Makes each retry of {@link EmbeddingCalls#embed} wait its turn too. */
    @Dependent
    public static class BeforeRetry implements BeforeRetryHandler {

        private final EmbeddingLimiter limiter;

        BeforeRetry(EmbeddingLimiter limiter) {
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
