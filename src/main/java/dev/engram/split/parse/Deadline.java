package dev.engram.split.parse;

import java.time.Duration;
import java.time.Instant;

/**
 * The moment a read must stop; parsers check it in their loops so a crafted file cannot keep them busy. It is the
 * sooner of the read's own limit and the end of the invocation the read runs in; which of them stopped a read decides
 * whether the document is too large (final) or the time simply ran out (another delivery may finish it).
 */
final class Deadline {

    private final long endNanos;
    private final Duration budget;
    private final boolean invocationBound;

    private Deadline(Duration budget, boolean invocationBound) {
        this.budget = budget;
        this.invocationBound = invocationBound;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    static Deadline after(Duration budget) {
        return new Deadline(budget, false);
    }

    /** The read's own {@code limit}, cut short by the invocation's end {@code until} (null: no invocation bound). */
    static Deadline within(Duration limit, Instant until) {
        if (until == null) {
            return after(limit);
        }
        Duration left = Duration.between(Instant.now(), until);
        if (left.compareTo(limit) >= 0) {
            return after(limit);
        }
        return new Deadline(left.isNegative() ? Duration.ZERO : left, true);
    }

    /** How long the read may take. */
    Duration budget() {
        return budget;
    }

    /** Throws once the time is up or the reading thread was interrupted. */
    void check() {
        if (System.nanoTime() - endNanos > 0 || Thread.currentThread().isInterrupted()) {
            throw exceeded();
        }
    }

    UnreadableDocumentException exceeded() {
        if (invocationBound) {
            return new UnreadableDocumentException(UnreadableDocumentException.Reason.OUT_OF_TIME,
                    "the split function's time ran out while reading the document");
        }
        return new UnreadableDocumentException(UnreadableDocumentException.Reason.TOO_LARGE,
                "reading the document was stopped after " + budget.toSeconds()
                        + " s: it is too large or too complex (or damaged); split it into smaller files");
    }
}
