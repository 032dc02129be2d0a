package dev.engram.extract.llm;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.ExtractionException;
import dev.engram.extract.Extractor;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.platform.ratelimit.ProviderCallException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Extraction by an LLM behind any OpenAI-compatible endpoint ({@code engram.extract.provider=openai}). One prompt per
 * chunk covers the requested types; the answer is validated, and an invalid one is asked for again once with the
 * problems spelled out before the chunk fails for good with them. Provider failures after the retries of
 * {@link ExtractionCalls} are transient (the queue redelivers the chunk) unless the provider rejected the request.
 */
@ApplicationScoped
public class OpenAiExtractor implements Extractor {

    private static final Logger LOG = Logger.getLogger(OpenAiExtractor.class);

    private final MemoryExtractionPrompt prompt;
    private final ExtractionCalls calls;
    private final ExtractionLimiter limiter;
    private final MeterRegistry metrics;

    OpenAiExtractor(MemoryExtractionPrompt prompt, ExtractionCalls calls, ExtractionLimiter limiter,
            MeterRegistry metrics) {
        this.prompt = prompt;
        this.calls = calls;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public List<MemoryCandidate> extract(String text, ExtractionContext context) {
        String types = context.types().stream().map(MemoryType::wireName).sorted().collect(Collectors.joining(", "));
        String reference = context.referenceDate() != null ? context.referenceDate().toString()
                : LocalDate.now(context.zone()) + " (today; use a date written in the text instead if there is one)";
        // The chunk's place in the document, as the rules extractor reads it too: a chunk cut from the middle of a
        // section still knows which agenda item it belongs to.
        String section = context.headingPath().isEmpty() ? null : String.join(" > ", context.headingPath());
        // Who the document says was there: an owner named by first name far from the attendee list is one of them.
        String people = context.people().isEmpty() ? null : String.join(", ", context.people());
        String correction = null;
        for (int attempt = 1; ; attempt++) {
            AnswerValidator.Verdict verdict;
            try {
                limiter.awaitTurn();
                String asked = correction;
                ExtractionAnswer answer = calls.ask(() -> prompt.extract(types, reference, section, people, text,
                        asked));
                verdict = AnswerValidator.check(answer, text, context);
            } catch (MalformedAnswerException e) {
                verdict = new AnswerValidator.Verdict(List.of(), List.of(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExtractionException("extraction was interrupted", false, e);
            } catch (ProviderCallException.Rejected e) {
                count("rejected");
                throw new ExtractionException(e.getMessage(), true, e);
            } catch (ProviderCallException | TimeoutException | RateLimitException e) {
                count("retries_exhausted");
                metrics.counter("engram.llm.retries_exhausted", "provider", name()).increment();
                throw new ExtractionException(describe(e) + "; gave up after the configured retries", false, e);
            } catch (CircuitBreakerOpenException e) {
                count("circuit_open");
                throw new ExtractionException(ExtractionCalls.PROVIDER
                        + " has been failing; calls are suspended for a while (circuit open)", false, e);
            }
            if (verdict.valid()) {
                count("ok");
                return verdict.candidates();
            }
            count("invalid_answer");
            if (attempt >= 2) {
                throw new ExtractionException("the model's answer was invalid twice: " + verdict.reason(), true);
            }
            LOG.debugf("invalid answer, asking again: %s", verdict.reason());
            correction = verdict.reason();
        }
    }

    private void count(String outcome) {
        metrics.counter("engram.llm.extractions", "outcome", outcome).increment();
    }

    private static String describe(RuntimeException e) {
        if (e instanceof TimeoutException) {
            return ExtractionCalls.PROVIDER + " did not answer in time";
        }
        if (e instanceof RateLimitException) {
            return "the configured LLM request rate was exceeded";
        }
        return e.getMessage();
    }
}
