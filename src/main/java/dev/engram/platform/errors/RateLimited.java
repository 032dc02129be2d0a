package dev.engram.platform.errors;

/** The caller used up its share of requests; one more is allowed after {@link #retryAfterSeconds()}. */
public final class RateLimited extends DomainException {

    private final long retryAfterSeconds;

    public RateLimited(long retryAfterSeconds) {
        super("the request rate limit was reached; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until the caller's next request is allowed. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
