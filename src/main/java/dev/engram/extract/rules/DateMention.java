package dev.engram.extract.rules;

import java.time.LocalDate;

/**
 * A date phrase found in a sentence and what it resolves to.
 *
 * @param text     the phrase as written ("Feb 1", "next Tuesday", "Q2")
 * @param start    its start within the sentence text
 * @param end      its end (exclusive) within the sentence text
 * @param date     the resolved day (a period resolves to its first day, or its last when it is a deadline)
 * @param timeline the period as planners write it: "Q2", "Q3 2025", "2024-03", or the ISO day
 * @param deadline true when the phrase closes a deadline ("by", "due", "before", "until", "no later than")
 */
record DateMention(String text, int start, int end, LocalDate date, String timeline, boolean deadline) {

    /** The resolved day as ISO {@code yyyy-MM-dd}. */
    String iso() {
        return date.toString();
    }
}
