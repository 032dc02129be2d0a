package dev.engram.platform.errors;

/**
 * A service Engram depends on failed, so the request could not be done now; what the detail says was kept is kept, and
 * a retry after {@link #retryAfterSeconds()} may succeed.
 */
public final class Unavailable extends DomainException {

    public Unavailable(String detail) {
        super(detail);
    }

    /** Seconds after which a retry may succeed. */
    public long retryAfterSeconds() {
        return 1;
    }
}
