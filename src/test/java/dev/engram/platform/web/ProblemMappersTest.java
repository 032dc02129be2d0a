package dev.engram.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

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
}
