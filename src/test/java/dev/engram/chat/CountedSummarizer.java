package dev.engram.chat;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts summary provider calls per window (by the id of the window's first message), so a test can tell that a
 * window was summarized once whatever else ran at the time.
 */
@Decorator
@Priority(1)
abstract class CountedSummarizer implements Summarizer {

    private static final Map<UUID, Integer> CALLS = new ConcurrentHashMap<>();

    @Inject
    @Delegate
    @Any
    Summarizer delegate;

    @Override
    public SummaryDraft summarize(SummaryInput input) {
        if (!input.window().isEmpty()) {
            CALLS.merge(input.window().get(0).id(), 1, Integer::sum);
        }
        return delegate.summarize(input);
    }

    /** How often the provider summarized the window starting with message {@code firstMessage}. */
    static int calls(UUID firstMessage) {
        return CALLS.getOrDefault(firstMessage, 0);
    }
}
