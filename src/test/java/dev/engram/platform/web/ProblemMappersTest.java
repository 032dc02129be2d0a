package dev.engram.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import jakarta.ws.rs.core.Response;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the client reads when something fails under its request. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aDatabaseConnectionResetUnderTheRequestIsA503WithRetryAfter() {
        // As the reactive Postgres client reports a connection cut in the middle of a query.
        Response r = mappers.unexpected(new CompletionException(new SocketException("Connection reset")));

        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("1");
    }

    @Test
    void aConnectionResetByPeerIsA503Too() {
        // The form the purge met when the connection was cut while it deleted the job's rows.
        Response r = mappers.unexpected(new CompletionException(new java.io.IOException("Connection reset by peer")));

        assertThat(r.getStatus()).isEqualTo(503);
    }

    @Test
    void aPooledConnectionFoundClosedIsA503Too() {
        // What Hibernate Reactive reports when the pool hands out a connection the network already closed.
        Response r = mappers.unexpected(new IllegalStateException("io.vertx.core.impl.NoStackTraceThrowable: "
                + "Connection is not active now, current status: CLOSED"));

        assertThat(r.getStatus()).isEqualTo(503);
    }

    @Test
    void aBugIsStillA500() {
        Response r = mappers.unexpected(new IllegalStateException("a bug"));

        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(r.getHeaderString("Retry-After")).isNull();
    }

    /** Every kind of domain refusal with the answer clients have always read for it. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Invalid.field("limit", "must be 1 to 100"), 400, "Invalid request",
                        "limit: must be 1 to 100", List.of("limit: must be 1 to 100"), null),
                Arguments.of(new Invalid(List.of("text: required", "source: unknown")), 400, "Invalid request",
                        "text: required; source: unknown", List.of("text: required", "source: unknown"), null),
                Arguments.of(new Malformed("a JSON body is required"), 400, "Bad request", "a JSON body is required",
                        null, null),
                Arguments.of(new NotPermitted("only from this machine"), 403, "Forbidden", "only from this machine",
                        null, null),
                Arguments.of(new NotFound("task t-1"), 404, "Not found", "task t-1 not found", null, null),
                Arguments.of(new Conflict("the task has already finished"), 409, "Conflict",
                        "the task has already finished", null, null),
                Arguments.of(new ReviewConflict(List.of("a: expired", "b: was already rejected")), 409,
                        "Review conflict", "a: expired; b: was already rejected",
                        List.of("a: expired", "b: was already rejected"), null),
                Arguments.of(new TooLarge("too big"), 413, "File too large", "too big", null, null),
                Arguments.of(new UnsupportedFileType("not a document"), 415, "Unsupported file type",
                        "not a document", null, null),
                Arguments.of(new IdempotencyKeyReused("another request"), 422, "Idempotency-Key reused",
                        "another request", null, null),
                Arguments.of(new RateLimited(7), 429, "Too many requests",
                        "the request rate limit was reached; retry after 7 s", null, "7"),
                Arguments.of(new Unavailable("the queue is not reachable"), 503, "Service unavailable",
                        "the queue is not reachable", null, "1"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void eachDomainRefusalIsAnsweredWithItsStatusTitleAndHeaders(DomainException e, int status, String title,
            String detail, List<String> errors, String retryAfter) {
        Response r = mappers.domain(e);

        assertThat(r.getStatus()).isEqualTo(status);
        assertThat(r.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(r.getEntity()).isEqualTo(new Problem("about:blank", title, status, detail, errors));
        assertThat(r.getHeaderString("Retry-After")).isEqualTo(retryAfter);
    }

    @Test
    void everyKindOfDomainRefusalHasItsAnswerChecked() {
        List<Class<?>> checked = refusals().<Class<?>>map(a -> a.get()[0].getClass()).distinct().toList();

        assertThat(checked).containsExactlyInAnyOrderElementsOf(
                Arrays.asList(DomainException.class.getPermittedSubclasses()));
    }

    @Test
    void anIdThatIsNoUuidIsNotFoundLikeAnIdNobodyHas() {
        assertThat(NotFound.parseId("0f8fad5b-d9cb-469f-a165-70867728950e", "memory"))
                .hasToString("0f8fad5b-d9cb-469f-a165-70867728950e");
        for (String raw : new String[] {"nope", "", null}) {
            assertThat(catchThrowable(() -> NotFound.parseId(raw, "memory")))
                    .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.detail()).isEqualTo("memory not found"));
        }
    }
}
