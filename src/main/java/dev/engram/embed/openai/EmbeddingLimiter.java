package dev.engram.embed.openai;

import dev.engram.platform.ratelimit.AdaptiveRateLimiter;
import dev.engram.platform.ratelimit.ProviderLimiter;
import dev.engram.platform.ratelimit.ProviderLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;

/** This instance's adaptive limiter for embedding requests, fed by the provider's answers to {@code /embeddings}. */
@ApplicationScoped
class EmbeddingLimiter extends ProviderLimiter {

    EmbeddingLimiter(ProviderLimits limits, OpenAiEmbedSettings settings) {
        super(limits, "/embeddings", new AdaptiveRateLimiter("openai-embed", settings.requestsPerMinute(), 0.9,
                settings.requestsPerMinute()));
    }

    /** Makes each retry of {@link EmbeddingCalls#embed} wait its turn too. */
    @Dependent
    public static class BeforeRetry extends WaitBeforeRetry {

        BeforeRetry(EmbeddingLimiter limiter) {
            super(limiter);
        }
    }
}
