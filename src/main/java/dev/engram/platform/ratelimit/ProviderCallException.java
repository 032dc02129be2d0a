package dev.engram.platform.ratelimit;

/**
 * A call to an external model provider failed; the subclass says whether waiting can help. Fault-tolerance policies
 * retry and count failures by these types, since the provider clients report every HTTP error as one class.
 */
public abstract sealed class ProviderCallException extends RuntimeException
        permits ProviderCallException.Throttled, ProviderCallException.Unavailable, ProviderCallException.Rejected {

    private final int status;

    ProviderCallException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** 429: the provider's quota is spent for now. */
    public static final class Throttled extends ProviderCallException {
        public Throttled(String message, Throwable cause) {
            super(message, 429, cause);
        }
    }

    /** 5xx, a refused connection or no answer in time: the provider is failing, a later attempt may succeed. */
    public static final class Unavailable extends ProviderCallException {
        public Unavailable(String message, int status, Throwable cause) {
            super(message, status, cause);
        }
    }

    /** 400, 401, 403, 404, ...: the request or the configuration is wrong; repeating it cannot succeed. */
    public static final class Rejected extends ProviderCallException {
        public Rejected(String message, int status, Throwable cause) {
            super(message, status, cause);
        }
    }
}
