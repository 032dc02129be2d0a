package dev.engram.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.engram.platform.errors.Conflict;
import dev.engram.platform.errors.DomainException;
import dev.engram.platform.errors.IdempotencyKeyReused;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.Malformed;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.errors.NotPermitted;
import dev.engram.platform.errors.RateLimited;
import dev.engram.platform.errors.ReviewConflict;
import dev.engram.platform.errors.TooLarge;
import dev.engram.platform.errors.Unavailable;
import dev.engram.platform.errors.UnsupportedFileType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The one set of exception mappers: every error leaves Engram as {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** How the network and the reactive Postgres client word a connection that went away. */
    private static final java.util.regex.Pattern CONNECTION_LOST = java.util.regex.Pattern.compile(
            "(?i)connection reset|connection (was )?closed|connection is not active|broken pipe");

    /** Each domain refusal becomes its status and title; the sealed kinds make a forgotten one a compile error. */
    @ServerExceptionMapper
    public Response domain(DomainException e) {
        String detail = e.detail();
        return switch (e) {
            case Invalid i -> problem(400, "Invalid request", detail, i.problems());
            case Malformed m -> problem(400, "Bad request", detail, null);
            case NotPermitted p -> problem(403, "Forbidden", detail, null);
            case NotFound n -> problem(404, "Not found", detail, null);
            case Conflict c -> problem(409, "Conflict", detail, null);
            case ReviewConflict r -> problem(409, "Review conflict", detail, r.conflicts());
            case TooLarge t -> problem(413, "File too large", detail, null);
            case UnsupportedFileType u -> problem(415, "Unsupported file type", detail, null);
            case IdempotencyKeyReused k -> problem(422, "Idempotency-Key reused", detail, null);
            case RateLimited r -> retryAfter(problem(429, "Too many requests", detail, null), r.retryAfterSeconds());
            case Unavailable u -> retryAfter(problem(503, "Service unavailable", detail, null), u.retryAfterSeconds());
        };
    }

    private static Response retryAfter(Response r, long seconds) {
        return Response.fromResponse(r).header("Retry-After", seconds).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(new Problem("about:blank", "Unauthorized", 401,
                        "a valid bearer token is required", null))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Forbidden", "this operation needs a role the token does not carry", null);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        String what = e instanceof InvalidFormatException ife
                ? "has an invalid value '" + ife.getValue() + "'"
                : "has the wrong type or shape";
        return problem(400, "Malformed JSON", field.isEmpty() ? "the body does not match the expected shape"
                : "field '" + field + "' " + what, null);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return problem(400, "Malformed JSON", "the body is not valid JSON: " + e.getOriginalMessage(), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return json(jpe);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return problem(status, reason, e.getMessage(), null);
    }

    /** A storage or queue service could not be reached in time: nothing was accepted, the client may retry. */
    @ServerExceptionMapper
    public Response awsUnavailable(SdkClientException e) {
        LOG.warnf("AWS service unreachable: %s", e.getMessage());
        return retryLater("a storage or queue service did not answer in time; nothing was accepted, please retry");
    }

    /**
     * AWS throttled the call or failed on its side (a 5xx, a transaction cancelled by a conflict or throttling):
     * transient, so the client is told to retry, as for an unreachable service. Anything else is unexpected.
     */
    @ServerExceptionMapper
    public Response awsTransient(AwsServiceException e) {
        if (!isTransient(e)) {
            return unexpected(e);
        }
        LOG.warnf("AWS service throttled or failed: %s", e.getMessage());
        return retryLater("a storage or queue service is busy or failed; please retry");
    }

    private static Response retryLater(String detail) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", 1)
                .entity(new Problem("about:blank", "Service unavailable", 503, detail, null)).build();
    }

    private static boolean isTransient(AwsServiceException e) {
        if (e.isThrottlingException() || e.statusCode() >= 500) {
            return true;
        }
        return e instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()
                && cancelled.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code())
                        || "ThrottlingError".equals(r.code()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (connectionLost(e)) {
            LOG.warnf("database or service connection lost: %s", e.getMessage());
            return retryLater("a connection to the database was lost; please retry");
        }
        LOG.error("unexpected error", e);
        return problem(500, "Internal error", "an unexpected error occurred; it has been logged", null);
    }

    /**
     * A connection reset or closed under the request (a database failing over, a broken network): transient, never
     * a fault of the request.
     */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.nio.channels.ClosedChannelException
                    || t.getClass().getSimpleName().equals("ClosedConnectionException")
                    || t.getMessage() != null && CONNECTION_LOST.matcher(t.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    private static Response problem(int status, String title, String detail, List<String> errors) {
        var body = new Problem("about:blank", title, status, detail, errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
