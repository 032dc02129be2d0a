package dev.engram.split.parse;

import java.time.Duration;

/**
 * Bounds on what reading one document may cost. Crossing one makes the document
 * {@link UnreadableDocumentException.Reason#TOO_LARGE}.
 *
 * @param maxChars        most characters of extracted text (joined sections) accepted from one read
 * @param maxFileBytes    largest file read into memory whole (text, legacy .doc); PDFs and DOCX are read from disk
 * @param maxEntryBytes   largest expanded size of one entry of a DOCX (zip) archive
 * @param minInflateRatio smallest compressed/expanded ratio of a DOCX entry before it counts as a zip bomb
 * @param timeout         longest one read may take; guards against files crafted to make a parser loop
 */
public record ParseLimits(int maxChars, long maxFileBytes, long maxEntryBytes, double minInflateRatio,
        Duration timeout) {

    /** 5 million characters, 64 MB in memory, 256 MB per zip entry, ratio 1 %, two minutes. */
    public static final ParseLimits DEFAULTS = new ParseLimits(5_000_000, 64L << 20, 256L << 20, 0.01,
            Duration.ofMinutes(2));

    public ParseLimits {
        if (maxChars < 1 || maxChars > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("maxChars must be between 1 and " + Integer.MAX_VALUE / 2);
        }
        if (maxFileBytes < 1 || maxEntryBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes and maxEntryBytes must be positive");
        }
        if (!(minInflateRatio >= 0 && minInflateRatio < 1)) {
            throw new IllegalArgumentException("minInflateRatio must be in [0, 1)");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public ParseLimits withMaxChars(int value) {
        return new ParseLimits(value, maxFileBytes, maxEntryBytes, minInflateRatio, timeout);
    }

    public ParseLimits withMaxFileBytes(long value) {
        return new ParseLimits(maxChars, value, maxEntryBytes, minInflateRatio, timeout);
    }

    public ParseLimits withMaxEntryBytes(long value) {
        return new ParseLimits(maxChars, maxFileBytes, value, minInflateRatio, timeout);
    }

    public ParseLimits withTimeout(Duration value) {
        return new ParseLimits(maxChars, maxFileBytes, maxEntryBytes, minInflateRatio, value);
    }
}
