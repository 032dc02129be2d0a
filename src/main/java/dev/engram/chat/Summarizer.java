package dev.engram.chat;

/**
 * Writes a conversation's next summary version from the previous one and a window of its messages. Implementations
 * are chosen by {@code engram.chat.summary-provider}; adding one is one class.
 */
interface Summarizer {

    /** The provider name used in configuration ({@code rules}). */
    String name();

    /** The summary after {@code input}'s window: the previous one with what the window added. */
    SummaryDraft summarize(SummaryInput input);
}
