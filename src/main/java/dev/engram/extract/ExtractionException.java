package dev.engram.extract;

/** An extractor could not produce candidates for a chunk; the message says why in words a user can act on. */
public class ExtractionException extends RuntimeException {

    private final boolean permanent;

    public ExtractionException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public ExtractionException(String message, boolean permanent) {
        this(message, permanent, null);
    }

    /** True when retrying the same input cannot succeed. */
    public boolean permanent() {
        return permanent;
    }
}
