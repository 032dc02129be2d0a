package dev.engram.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Live progress on Engram's own server: {@code /api/v1/memories/extract/{task_id}/ws} sends the job's progress
 * (the object {@code GET …/progress} answers) at once and whenever it changes, the final state last, then closes
 * (1000). The token, as browsers cannot set headers on a WebSocket: the {@code access_token} query parameter, or the
 * subprotocols {@code bearer, <token>}, or an {@code Authorization: Bearer} header. Closes: 4401 without a valid
 * token or when it expires while connected, 4404 for a task that does not exist or is another user's, 4429 beyond
 * {@code engram.progress.socket.max-per-user} sockets of one user. On AWS the API Gateway WebSocket API of
 * template.yaml does this.
 */
@WebSocket(path = "/api/v1/memories/extract/{task_id}/ws")
public class ProgressSocket {

    static final int UNAUTHORIZED = 4401;
    static final int NOT_FOUND = 4404;
    static final int TOO_MANY = 4429;
    private static final Logger LOG = Logger.getLogger(ProgressSocket.class);
    private static final TypedKey<ProgressWatch.Subscription> SUBSCRIPTION = new TypedKey<>("subscription");
    private static final TypedKey<Long> EXPIRY_TIMER = TypedKey.forLong("expiry-timer");
    private static final TypedKey<String> USER = TypedKey.forString("user");

    private final JWTParser tokens;
    private final JobStore jobs;
    private final ProgressWatch watch;
    private final ProgressSockets sockets;
    private final ObjectMapper json;
    private final Vertx vertx;

    ProgressSocket(JWTParser tokens, JobStore jobs, ProgressWatch watch, ProgressSockets sockets, ObjectMapper json,
            Vertx vertx) {
        this.tokens = tokens;
        this.jobs = jobs;
        this.watch = watch;
        this.sockets = sockets;
        this.json = json;
        this.vertx = vertx;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        Optional<JsonWebToken> token = verified(connection);
        if (token.isEmpty() || token.get().getSubject() == null) {
            close(connection, UNAUTHORIZED, "a valid token is required");
            return;
        }
        String user = token.get().getSubject();
        if (!sockets.admit(user, connection.id())) {
            close(connection, TOO_MANY, "too many progress sockets for this user");
            return;
        }
        connection.userData().put(USER, user);
        String taskId = connection.pathParam("task_id");
        Optional<Job> job = jobs.findOwned(taskId, user);
        if (job.isEmpty()) {
            close(connection, NOT_FOUND, "task " + taskId + " not found");
            return;
        }
        ProgressView first = ProgressView.of(job.get());
        send(connection, first);
        if (first.finished()) {
            close(connection, CloseReason.NORMAL.getCode(), "finished");
            return;
        }
        long expiresInMillis = token.get().getExpirationTime() * 1000 - Instant.now().toEpochMilli();
        if (expiresInMillis <= 0) {
            close(connection, UNAUTHORIZED, "token expired");
            return;
        }
        long timer = vertx.setTimer(Math.max(1, expiresInMillis),
                id -> close(connection, UNAUTHORIZED, "token expired"));
        connection.userData().put(EXPIRY_TIMER, timer);
        var subscription = watch.watch(taskId, first, new ProgressWatch.Listener() {
            @Override
            public void changed(ProgressView view) {
                send(connection, view);
                if (view.finished()) {
                    close(connection, CloseReason.NORMAL.getCode(), "finished");
                }
            }

            @Override
            public void gone() {
                close(connection, NOT_FOUND, "task " + taskId + " no longer exists");
            }
        });
        connection.userData().put(SUBSCRIPTION, subscription);
        if (connection.isClosed()) {
            subscription.cancel(); // closed while subscribing: @OnClose may have run before the subscription existed
        }
    }

    @OnClose
    public void closed(WebSocketConnection connection) {
        String user = connection.userData().get(USER);
        if (user != null) {
            sockets.release(user, connection.id());
        }
        Long timer = connection.userData().get(EXPIRY_TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        ProgressWatch.Subscription subscription = connection.userData().get(SUBSCRIPTION);
        if (subscription != null) {
            subscription.cancel();
        }
    }

    private Optional<JsonWebToken> verified(WebSocketConnection connection) {
        var handshake = connection.handshakeRequest();
        Optional<String> raw = SocketTokens.of(handshake::header,
                name -> SocketTokens.queryValue(handshake.query(), name));
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(tokens.parse(raw.get()));
        } catch (ParseException e) {
            LOG.debugf("progress socket refused: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private void send(WebSocketConnection connection, ProgressView view) {
        try {
            connection.sendText(json.writeValueAsString(view)).subscribe().with(ok -> { },
                    failure -> LOG.debugf("progress not sent to a closing socket: %s", failure.getMessage()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise progress", e);
        }
    }

    private static void close(WebSocketConnection connection, int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ok -> { },
                    failure -> LOG.debugf("socket close failed: %s", failure.getMessage()));
        }
    }
}
