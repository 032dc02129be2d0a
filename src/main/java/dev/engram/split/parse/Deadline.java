package dev.engram.split.parse;

import java.time.Duration;

/** The moment a read must stop; parsers check it in their loops so a crafted file cannot keep them busy. */
final class Deadline {

    private final long endNanos;
    private final Duration budget;

    private Deadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    static Deadline after(Duration budget) {
        return new Deadline(budget);
    }

    /** Throws TOO_LARGE once the time is up or the reading thread was interrupted. */
    void check() {
        if (System.nanoTime() - endNanos > 0 || Thread.currentThread().isInterrupted()) {
            throw exceeded();
        }
    }

    UnreadableDocumentException exceeded() {
        return new UnreadableDocumentException(UnreadableDocumentException.Reason.TOO_LARGE,
                "reading the document was stopped after " + budget.toSeconds()
                        + " s: it is too large or too complex (or damaged); split it into smaller files");
    }
}
