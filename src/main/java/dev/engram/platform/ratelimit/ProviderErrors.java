package dev.engram.platform.ratelimit;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Sorts what a provider client threw into {@link ProviderCallException}s: 429 is throttling, 5xx, 408 and transport
 * failures are an unavailable provider, other 4xx a rejected request, with a reason a user can act on.
 */
public final class ProviderErrors {

    private static final int EXCERPT = 200;

    private ProviderErrors() {
    }

    /**
     * The provider failure behind {@code error}, or null when it is none (the answer arrived but could not be used).
     *
     * @param provider how to name the provider in the reason, e.g. "the LLM provider"
     */
    public static ProviderCallException classify(Throwable error, String provider) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProviderCallException p) {
                return p;
            }
            if (t instanceof com.fasterxml.jackson.core.JacksonException) {
                return null; // an answer arrived but is not the JSON expected: not a provider failure
            }
            if (t instanceof HttpException http) {
                return byStatus(http.statusCode(), http.getMessage(), provider, error);
            }
            if (t instanceof RateLimitException) {
                return byStatus(429, t.getMessage(), provider, error);
            }
            if (t instanceof InternalServerException) {
                return byStatus(500, t.getMessage(), provider, error);
            }
            if (t instanceof AuthenticationException) {
                return byStatus(401, t.getMessage(), provider, error);
            }
            if (t instanceof ModelNotFoundException) {
                return byStatus(404, t.getMessage(), provider, error);
            }
            if (t instanceof InvalidRequestException) {
                return byStatus(400, t.getMessage(), provider, error);
            }
            if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof TimeoutException
                    || t instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
                return new ProviderCallException.Unavailable(provider + " did not answer in time", 0, error);
            }
            if (t instanceof UnresolvedModelServerException || t instanceof IOException
                    || t instanceof jakarta.ws.rs.ProcessingException && t.getCause() instanceof IOException) {
                return new ProviderCallException.Unavailable(provider + " is not reachable: " + t.getMessage(), 0,
                        error);
            }
        }
        return null;
    }

    /** The failure for an HTTP error status. */
    public static ProviderCallException byStatus(int status, String body, String provider, Throwable cause) {
        String detail = excerpt(body);
        if (status == 429) {
            return new ProviderCallException.Throttled(provider + " is rate limiting (429)" + detail, cause);
        }
        if (status == 408 || status >= 500) {
            return new ProviderCallException.Unavailable(provider + " failed (" + status + ")" + detail, status,
                    cause);
        }
        String reason = switch (status) {
            case 401, 403 -> provider + " refused the API key (" + status + "); check ENGRAM_OPENAI_API_KEY";
            case 404 -> provider + " does not know the model or endpoint (404); check ENGRAM_OPENAI_MODEL and "
                    + "ENGRAM_OPENAI_BASE_URL";
            default -> provider + " rejected the request (" + status + ")";
        };
        return new ProviderCallException.Rejected(reason + detail, status, cause);
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return ": " + (oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "…");
    }
}
