package dev.engram.extract.llm;

import dev.engram.extract.ExtractionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * One usable answer from the LLM provider for the providers beside extraction (conversation summaries, profile
 * insights): each request waits for the {@link ExtractionLimiter}'s pace and goes through {@link ExtractionCalls}'
 * fault tolerance; an answer that cannot be read or used is asked for again once, with the problem spelled out, and a
 * second one fails for good with it.
 */
@ApplicationScoped
public class ModelAnswers {

    private final ExtractionCalls calls;
    private final ExtractionLimiter limiter;

    ModelAnswers(ExtractionCalls calls, ExtractionLimiter limiter) {
        this.calls = calls;
        this.limiter = limiter;
    }

    /** What a check makes of an answer: the value to use, or the problem to tell the model. */
    public record Checked<R>(R value, String problem) {

        public static <R> Checked<R> ok(R value) {
            return new Checked<>(value, null);
        }

        public static <R> Checked<R> invalid(String problem) {
            return new Checked<>(null, problem);
        }
    }

    /**
     * Asks {@code prompt} (given the correction of the previous attempt, null on the first) until {@code check}
     * accepts the answer, twice at most.
     *
     * @param what what the answer is, for the failure's reason ("summary", "insights")
     * @throws ExtractionException permanent after a second unusable answer, transient when interrupted
     */
    public <A, R> R ask(String what, Function<String, A> prompt, Function<A, Checked<R>> check) {
        String correction = null;
        for (int attempt = 1; ; attempt++) {
            String problem;
            try {
                limiter.awaitTurn();
                String asked = correction;
                Checked<R> checked = check.apply(calls.ask(() -> prompt.apply(asked)));
                if (checked.problem() == null) {
                    return checked.value();
                }
                problem = checked.problem();
            } catch (MalformedAnswerException e) {
                problem = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExtractionException("asking for the " + what + " was interrupted", false, e);
            }
            if (attempt >= 2) {
                throw new ExtractionException("the model's " + what + " was invalid twice: " + problem, true);
            }
            correction = problem;
        }
    }
}
