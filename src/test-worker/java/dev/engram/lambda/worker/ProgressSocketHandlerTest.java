package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import dev.engram.progress.ConnectionStore;
import dev.engram.progress.Job;
import dev.engram.progress.JobStore;
import dev.engram.progress.ProgressSubscriptions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The progress WebSocket API's routes, driven by {@code infra/events/socket-connect.json}, {@code socket-subscribe.json}
 * and {@code socket-disconnect.json}, against the connections and job tables of DynamoDB Local.
 */
@QuarkusTest
@TestProfile(WorkerFunction.ProgressSocket.class)
class ProgressSocketHandlerTest {

    @Inject
    JobStore jobs;
    @Inject
    ConnectionStore connections;
    @Inject
    ProgressSubscriptions subscriptions;

    @Test
    void connectRecordsTheAuthorizedUserAndAcceptsTheBearerSubprotocol() {
        String connection = connectionId();
        String user = user();

        JsonNode answer = invoke(route("socket-connect.json", connection, user));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.path("headers").path("Sec-WebSocket-Protocol").asText()).isEqualTo("bearer");
        var recorded = connections.find(connection).orElseThrow();
        assertThat(recorded.userId()).isEqualTo(user);
        assertThat(recorded.taskId()).isNull();
        assertThat(recorded.expired(Instant.now())).isFalse();
    }

    @Test
    void aConnectionBeyondTheUsersLimitIsRefusedAndOneClosedMakesRoom() {
        String user = user();
        String first = connected(user);
        connected(user);
        connected(user); // the test profile allows 3
        String fourth = connectionId();

        assertThat(invoke(route("socket-connect.json", fourth, user)).path("statusCode").asInt()).isEqualTo(429);
        assertThat(connections.find(fourth)).isEmpty();
        assertThat(connected(user())).as("another user's connections count on their own").isNotNull();

        invoke(route("socket-disconnect.json", first, user));
        assertThat(invoke(route("socket-connect.json", fourth, user)).path("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void concurrentConnectsOfOneUserTakeNoMoreThanTheLimit() throws Exception {
        String user = user();
        int attempts = 24;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(attempts);
        try {
            List<java.util.concurrent.Future<Boolean>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String connection = connectionId();
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return subscriptions.connected(connection, user, Instant.now().plusSeconds(3600));
                }));
            }
            start.countDown();
            int accepted = 0;
            for (var outcome : outcomes) {
                accepted += outcome.get(60, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(accepted).as("accepted of " + attempts + " racing connects").isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(invoke(route("socket-connect.json", connectionId(), user)).path("statusCode").asInt())
                .isEqualTo(429);
    }

    @Test
    void aPlaceHeldByAConnectionWhoseTokenExpiredIsTakenOver() {
        String user = user();
        String expired = connectionId();
        assertThat(subscriptions.connected(expired, user, Instant.now().minusSeconds(1))).isTrue();
        connected(user);
        connected(user);

        String next = connected(user);

        assertThat(connections.find(next)).isPresent();
        // Its $disconnect arriving late frees nothing of the connection that took its place.
        invoke(route("socket-disconnect.json", expired, user));
        assertThat(invoke(route("socket-connect.json", connectionId(), user)).path("statusCode").asInt())
                .isEqualTo(429);
    }

    @Test
    void aGoneConnectionForgottenByThePusherMakesRoom() {
        String user = user();
        String gone = connected(user);
        connected(user);
        connected(user);

        connections.close(gone); // what the pusher does on a 410
        connections.close(gone); // twice frees nothing more

        connected(user);
        assertThat(invoke(route("socket-connect.json", connectionId(), user)).path("statusCode").asInt())
                .isEqualTo(429);
    }

    @Test
    void subscribingToAnOwnRunningTaskAnswersItsProgressAndFollowsIt() {
        String user = user();
        String connection = connected(user);
        Job job = Jobs.split(jobs, user, 3);

        JsonNode progress = subscribe(connection, user, job.taskId());

        assertThat(progress.path("task_id").asText()).isEqualTo(job.taskId());
        assertThat(progress.path("state").asText()).isEqualTo("processing");
        assertThat(progress.path("total_chunks").asInt()).isEqualTo(3);
        assertThat(connections.find(connection).orElseThrow().taskId()).isEqualTo(job.taskId());
        assertThat(connections.following(job.taskId())).extracting(c -> c.connectionId()).containsExactly(connection);
    }

    @Test
    void subscribingToAnotherUsersTaskIsRefusedExactlyAsAMissingOne() {
        String user = user();
        String connection = connected(user);
        Job theirs = Jobs.split(jobs, user(), 2);

        JsonNode refused = subscribe(connection, user, theirs.taskId());
        JsonNode missing = subscribe(connection, user, "tsk_" + UUID.randomUUID().toString().replace("-", ""));

        assertThat(refused.path("error").asText()).isEqualTo("not_found");
        assertThat(refused.path("code").asInt()).isEqualTo(4404);
        assertThat(refused.has("state")).isFalse();
        assertThat(missing.path("error").asText()).isEqualTo("not_found");
        assertThat(connections.find(connection).orElseThrow().taskId()).isNull();
        assertThat(connections.following(theirs.taskId())).isEmpty();
    }

    @Test
    void subscribingToAFinishedTaskAnswersItsFinalStateAndDoesNotFollowIt() {
        String user = user();
        String connection = connected(user);
        Job job = Jobs.split(jobs, user, 1);
        jobs.fail(job.taskId(), "unreadable document");

        JsonNode last = subscribe(connection, user, job.taskId());

        assertThat(last.path("state").asText()).isEqualTo("failed");
        assertThat(last.path("error").asText()).contains("unreadable document");
        assertThat(connections.following(job.taskId())).isEmpty();
    }

    @Test
    void anUnknownActionAnswersABadRequest() {
        String user = user();
        String connection = connected(user);
        ObjectNode event = route("socket-subscribe.json", connection, user);
        ((ObjectNode) event.path("requestContext")).put("routeKey", "$default");
        event.put("body", "{\"action\":\"unsubscribe\"}");

        JsonNode answer = LambdaEvents.parse(invoke(event).path("body").asText());

        assertThat(answer.path("error").asText()).isEqualTo("bad_request");
    }

    @Test
    void disconnectForgetsTheConnection() {
        String user = user();
        String connection = connected(user);
        Job job = Jobs.split(jobs, user, 2);
        subscribe(connection, user, job.taskId());

        assertThat(invoke(route("socket-disconnect.json", connection, user)).path("statusCode").asInt()).isEqualTo(200);

        assertThat(connections.find(connection)).isEmpty();
        assertThat(connections.following(job.taskId())).isEmpty();
    }

    private String connected(String user) {
        String connection = connectionId();
        assertThat(invoke(route("socket-connect.json", connection, user)).path("statusCode").asInt()).isEqualTo(200);
        return connection;
    }

    private JsonNode subscribe(String connection, String user, String taskId) {
        ObjectNode event = route("socket-subscribe.json", connection, user);
        event.put("body", "{\"action\":\"subscribe\",\"task_id\":\"" + taskId + "\"}");
        JsonNode answer = invoke(event);
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        return LambdaEvents.parse(answer.path("body").asText());
    }

    /** A route's sample event for this connection and user, with a token valid for an hour. */
    static ObjectNode route(String file, String connection, String user) {
        ObjectNode event = LambdaEvents.load(file);
        ObjectNode context = (ObjectNode) event.path("requestContext");
        context.put("connectionId", connection);
        ((ObjectNode) context.path("authorizer")).put("principalId", user).put("user", user)
                .put("expires_at", Instant.now().plusSeconds(3600).getEpochSecond());
        return event;
    }

    private static JsonNode invoke(ObjectNode event) {
        MockLambda.Invocation result = MockLambda.invoke(event);
        assertThat(result.status()).as(result.output()).isEqualTo(200);
        return result.json();
    }

    static String connectionId() {
        return UUID.randomUUID().toString().substring(0, 14) + "=";
    }

    private static String user() {
        return "ada-" + UUID.randomUUID();
    }
}
