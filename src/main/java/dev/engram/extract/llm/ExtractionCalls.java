package dev.engram.extract.llm;

import dev.engram.platform.ratelimit.ProviderCallException;
import dev.engram.platform.ratelimit.ProviderErrors;
import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Calls to the LLM provider (extractions, and conversation summaries of the {@code openai} summary provider) under
 * fault tolerance, so they share one pace, one circuit breaker and one rate limit. Every attempt, the first and each
 * retry, waits for a permit of the {@link ExtractionLimiter}, which a 429's {@code Retry-After} pauses; retries back
 * off exponentially with jitter on top. The circuit breaker counts only failures of the provider (5xx, timeouts), not throttling or rejected requests.
 * The annotation values are defaults: {@code quarkus.fault-tolerance."dev.engram.extract.llm.ExtractionCalls/ask".*}
 * keys override each.
 */
@ApplicationScoped
public class ExtractionCalls {

    public static final String PROVIDER = "the LLM provider";

    /**
     * One call to the model (an extraction, a conversation summary), retried on throttling and provider failures.
     *
     * @throws ProviderCallException     when the provider refused or kept failing
     * @throws MalformedAnswerException  when the answer could not be read as the expected JSON
     */
    @Retry(maxRetries = 3, delay = 1000, jitter = 500, maxDuration = 120_000,
            retryOn = {ProviderCallException.Throttled.class, ProviderCallException.Unavailable.class,
                    TimeoutException.class, RateLimitException.class},
            abortOn = {ProviderCallException.Rejected.class, MalformedAnswerException.class})
    @ExponentialBackoff(factor = 2, maxDelay = 30_000)
    @BeforeRetry(ExtractionLimiter.BeforeRetry.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 15_000, successThreshold = 2,
            skipOn = {ProviderCallException.Throttled.class, ProviderCallException.Rejected.class,
                    MalformedAnswerException.class, RateLimitException.class})
    @RateLimit(value = 600, window = 1, windowUnit = ChronoUnit.MINUTES)
    @Timeout(20_000)
    public <T> T ask(Supplier<T> call) {
        try {
            T answer = call.get();
            if (answer == null) {
                throw new MalformedAnswerException("the answer was empty", null);
            }
            return answer;
        } catch (MalformedAnswerException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ProviderCallException.Unavailable(PROVIDER + " did not answer in time", 0, e);
            }
            ProviderCallException failure = ProviderErrors.classify(e, PROVIDER);
            if (failure != null) {
                throw failure;
            }
            throw new MalformedAnswerException("the answer is not JSON of the expected shape (" + rootMessage(e)
                    + ")", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        m = m.replaceAll("\\s+", " ");
        return m.length() <= 200 ? m : m.substring(0, 200) + "…";
    }
}
