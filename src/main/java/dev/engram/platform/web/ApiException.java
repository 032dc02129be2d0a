package dev.engram.platform.web;

import java.util.List;
import java.util.UUID;

/** A request Engram refuses, with the status and words the client sees as problem+json. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<String> errors;
    private Long retryAfterSeconds;

    public ApiException(int status, String title, String detail, List<String> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad request", detail);
    }

    public static ApiException invalid(List<String> errors) {
        return new ApiException(400, "Invalid request", String.join("; ", errors), errors);
    }

    /** Not found, also used for another user's resources so their existence is not revealed. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "Not found", what + " not found");
    }

    /** A resource id from a path: a UUID, else 404 for {@code what}, like an id nobody has. */
    public static UUID pathId(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw notFound(what);
        }
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    /** A service Engram depends on failed; nothing was accepted and a retry after a second may succeed. */
    public static ApiException unavailable(String detail) {
        ApiException e = new ApiException(503, "Service unavailable", detail);
        e.retryAfterSeconds = 1L;
        return e;
    }

    /** Too many requests: retry after the given number of seconds. */
    public static ApiException tooManyRequests(long retryAfterSeconds) {
        ApiException e = new ApiException(429, "Too many requests",
                "the request rate limit was reached; retry after " + retryAfterSeconds + " s");
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    /** Seconds after which a retry may succeed, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<String> errors() {
        return errors;
    }
}
