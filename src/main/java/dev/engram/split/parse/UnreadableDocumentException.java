package dev.engram.split.parse;

/**
 * A document whose text cannot be read, with a reason a caller can branch on and a message a user can act on.
 * Retrying the same bytes gives the same answer.
 */
public class UnreadableDocumentException extends RuntimeException {

    /** Why a document could not be read. */
    public enum Reason {
        /** Protected by a password we do not have. */
        ENCRYPTED,
        /** Damaged, truncated or malformed beyond what the parser recovers from. */
        CORRUPT,
        /** Has pages but no text layer (scans, images); would need OCR. */
        NO_TEXT,
        /** The file or its text is empty or whitespace only. */
        EMPTY,
        /** Not a format we read (images, archives, executables, spreadsheets, ...). */
        UNSUPPORTED,
        /** Over a size limit: file, expanded archive entries, extracted text or reading time. */
        TOO_LARGE,
        /**
         * The invocation's time ran out before the read finished: not the document's fault, so another delivery
         * (with a whole invocation to itself) may read it.
         */
        OUT_OF_TIME
    }

    private final Reason reason;

    public UnreadableDocumentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UnreadableDocumentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
