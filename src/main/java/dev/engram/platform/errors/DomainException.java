package dev.engram.platform.errors;

/**
 * Something Engram refuses to do, said in the domain's words. The kinds are closed so that the one mapper at the web
 * edge answers every one of them; none carries an HTTP status.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound, Conflict, ReviewConflict, Invalid, Malformed, IdempotencyKeyReused, TooLarge,
        UnsupportedFileType, NotPermitted, Unavailable, RateLimited {

    DomainException(String detail) {
        super(detail);
    }

    /** What went wrong, in a sentence the client may read. */
    public String detail() {
        return getMessage();
    }
}
