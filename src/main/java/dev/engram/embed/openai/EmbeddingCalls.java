package dev.engram.embed.openai;

import dev.engram.platform.provider.LazyClient;
import dev.engram.platform.provider.OpenAiClients;
import dev.engram.platform.ratelimit.ProviderCallException;
import dev.engram.platform.ratelimit.ProviderErrors;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * One embedding request per batch under fault tolerance, paced by its own {@link EmbeddingLimiter} (providers meter
 * embeddings apart from chat). Annotation values are defaults; the
 * {@code quarkus.fault-tolerance."dev.engram.embed.openai.EmbeddingCalls/embed".*} keys override each.
 */
@ApplicationScoped
public class EmbeddingCalls {

    static final String PROVIDER = "the embedding provider";

    private final LazyClient<EmbeddingModel> model;

    EmbeddingCalls(OpenAiEmbedSettings settings, dev.engram.embed.EmbedSettings embed) {
        int dimension = embed.dimension();
        this.model = new LazyClient<>(() -> OpenAiClients.embeddings(
                new OpenAiClients.Endpoint(settings.baseUrl(), settings.apiKey(), settings.model(),
                        settings.clientTimeout()),
                settings.requestDimensions() ? dimension : null, settings.batchSize()));
    }

    @Retry(maxRetries = 3, delay = 1000, jitter = 500, maxDuration = 120_000,
            retryOn = {ProviderCallException.Throttled.class, ProviderCallException.Unavailable.class,
                    TimeoutException.class, RateLimitException.class},
            abortOn = ProviderCallException.Rejected.class)
    @ExponentialBackoff(factor = 2, maxDelay = 30_000)
    @BeforeRetry(EmbeddingLimiter.BeforeRetry.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 15_000, successThreshold = 2,
            skipOn = {ProviderCallException.Throttled.class, ProviderCallException.Rejected.class,
                    RateLimitException.class})
    @RateLimit(value = 300, window = 1, windowUnit = ChronoUnit.MINUTES)
    @Timeout(30_000)
    public List<Embedding> embed(List<String> batch) {
        try {
            return model.get().embedAll(batch.stream().map(TextSegment::from).toList()).content();
        } catch (RuntimeException e) {
            ProviderCallException failure = ProviderErrors.classify(e, PROVIDER);
            if (failure != null) {
                throw failure;
            }
            throw new ProviderCallException.Unavailable(PROVIDER + " answered unexpectedly: " + e.getMessage(), 0, e);
        }
    }
}
