package dev.engram.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.extract.llm.PipelineJobs;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The progress WebSocket and its server-sent-events twin on the local server, with jobs counted in the real job
 * table: what a client receives, in which order, and how each bad input closes the socket.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ProgressSocketTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;
    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    JobCompletion completion;
    @Inject
    ObjectMapper json;

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }

    @Test
    void progressIsPushedOnEveryChangeThenTheFinalStateThenTheSocketCloses() throws Exception {
        String user = Users.fresh("live");
        Job job = PipelineJobs.processing(jobs, user, 2);
        SocketClient socket = SocketClient.open(HTTP, socketUri(job, TestTokens.forUser(user)));

        JsonNode first = json.readTree(socket.next(WAIT));
        assertThat(first.path("task_id").asText()).isEqualTo(job.taskId());
        assertThat(first.path("state").asText()).isEqualTo("processing");
        assertThat(first.path("chunk").asInt()).isZero();
        assertThat(first.path("total_chunks").asInt()).isEqualTo(2);

        chunkLedger.recordChunkDone(job.taskId(), 0, 2);
        JsonNode second = json.readTree(socket.next(WAIT));
        assertThat(second.path("chunk").asInt()).isEqualTo(1);
        assertThat(second.path("progress").asInt()).isGreaterThan(first.path("progress").asInt());

        chunkLedger.recordChunkFailed(job.taskId(), 1, "the LLM provider failed (500)")
                .ifPresent(completion::finishIfComplete);
        JsonNode last = finalState(socket);
        assertThat(last.path("state").asText()).isEqualTo("completed_with_errors");
        assertThat(last.path("chunks_failed").asInt()).isEqualTo(1);
        assertThat(last.path("progress").asInt()).isEqualTo(100);
        assertThat(last.path("result").path("memories_extracted").asInt()).isEqualTo(2);
        assertThat(last.path("error").asText()).contains("chunk 1");
        assertThat(socket.closed(WAIT).code()).isEqualTo(1000);
        // The failed chunk and the job's end are two writes: a push may fall between them.
        assertThat(socket.received()).hasSizeBetween(3, 4);
    }

    @Test
    void theTokenMayComeAsTheBearerSubprotocolWhichTheServerSelects() throws Exception {
        String user = Users.fresh("subprotocol");
        Job job = PipelineJobs.processing(jobs, user, 1);
        SocketClient socket = SocketClient.open(HTTP, socketUri(job, null), "bearer", TestTokens.forUser(user));

        assertThat(socket.subprotocol()).isEqualTo("bearer");
        assertThat(json.readTree(socket.next(WAIT)).path("task_id").asText()).isEqualTo(job.taskId());
        finish(job);
        assertThat(finalState(socket).path("state").asText()).isEqualTo("completed");
        assertThat(socket.closed(WAIT).code()).isEqualTo(1000);
    }

    @Test
    void aFinishedTaskSendsItsFinalStateAtOnceThenCloses() throws Exception {
        String user = Users.fresh("finished");
        Job job = PipelineJobs.processing(jobs, user, 1);
        finish(job);
        SocketClient socket = SocketClient.open(HTTP, socketUri(job, TestTokens.forUser(user)));

        JsonNode only = json.readTree(socket.next(WAIT));
        assertThat(only.path("state").asText()).isEqualTo("completed");
        assertThat(only.path("result").path("extraction_id").asText()).isEqualTo(job.extractionId());
        assertThat(socket.closed(WAIT).code()).isEqualTo(1000);
        assertThat(socket.received()).hasSize(1);
    }

    @Test
    void anotherUsersTaskClosesWith4404ExactlyAsAMissingOne() throws Exception {
        Job job = PipelineJobs.processing(jobs, Users.fresh("owner"), 1);
        String intruder = TestTokens.forUser(Users.fresh("intruder"));

        SocketClient foreign = SocketClient.open(HTTP, socketUri(job, intruder));
        SocketClient missing = SocketClient.open(HTTP, socketUri("tsk_" + "0".repeat(26), intruder));

        SocketClient.Closed a = foreign.closed(WAIT);
        SocketClient.Closed b = missing.closed(WAIT);
        assertThat(a.code()).isEqualTo(4404);
        assertThat(b.code()).isEqualTo(4404);
        assertThat(foreign.received()).isEmpty();
        assertThat(a.reason().replace(job.taskId(), "ID")).isEqualTo(b.reason().replaceAll("tsk_0+", "ID"));
    }

    @Test
    void withoutAValidTokenTheSocketClosesWith4401() throws Exception {
        String user = Users.fresh("nobody");
        Job job = PipelineJobs.processing(jobs, user, 1);
        for (String token : new String[] {null, TestTokens.forged(user), TestTokens.expired(user)}) {
            SocketClient socket = SocketClient.open(HTTP, socketUri(job, token));
            assertThat(socket.closed(WAIT).code()).as(token == null ? "no token" : "bad token").isEqualTo(4401);
            assertThat(socket.received()).isEmpty();
        }
    }

    @Test
    void aTokenThatExpiresWhileConnectedClosesTheSocketWithAReason() throws Exception {
        String user = Users.fresh("expiring");
        Job job = PipelineJobs.processing(jobs, user, 1);
        String token = TestTokens.expiringIn(user, Duration.ofSeconds(3));
        SocketClient socket = SocketClient.open(HTTP, socketUri(job, token));

        assertThat(json.readTree(socket.next(WAIT)).path("state").asText()).isEqualTo("processing");
        SocketClient.Closed closed = socket.closed(WAIT);
        assertThat(closed.code()).isEqualTo(4401);
        assertThat(closed.reason()).isEqualTo("token expired");
    }

    @Test
    void theTwentyFirstSocketOfOneUserIsRefusedWith4429() throws Exception {
        String user = Users.fresh("greedy");
        Job job = PipelineJobs.processing(jobs, user, 1);
        String token = TestTokens.forUser(user);
        List<SocketClient> open = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SocketClient s = SocketClient.open(HTTP, socketUri(job, token));
            s.next(WAIT);
            open.add(s);
        }
        SocketClient refused = SocketClient.open(HTTP, socketUri(job, token));
        assertThat(refused.closed(WAIT).code()).isEqualTo(4429);
        assertThat(refused.received()).isEmpty();
        assertThat(open).noneMatch(SocketClient::isClosed);

        open.get(0).abort();
        dev.engram.testing.Await.until("the aborted socket to be released", WAIT, () -> {
            try {
                SocketClient again = SocketClient.open(HTTP, socketUri(job, token));
                String first = again.next(Duration.ofSeconds(2));
                open.add(again);
                return first;
            } catch (AssertionError e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }, first -> first != null);
        finish(job);
        for (SocketClient s : open.subList(1, open.size())) {
            assertThat(s.closed(WAIT).code()).isEqualTo(1000);
        }
    }

    @Test
    void serverSentEventsCarryTheSameProgressAndEndWithTheFinalState() throws Exception {
        String user = Users.fresh("sse");
        Job job = PipelineJobs.processing(jobs, user, 2);
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve(
                        "api/v1/memories/extract/" + job.taskId() + "/progress"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + TestTokens.forUser(user))
                .build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<List<JsonNode>> events = CompletableFuture.supplyAsync(
                () -> readEvents(response.body(), seen));

        // Each chunk finishes once the stream has shown the state before it.
        Await.until("the stream's first event", WAIT, seen::size, n -> n >= 1);
        chunkLedger.recordChunkDone(job.taskId(), 0, 1);
        Await.until("the event of the first chunk", WAIT, seen::size, n -> n >= 2);
        chunkLedger.recordChunkDone(job.taskId(), 1, 1).ifPresent(completion::finishIfComplete);

        List<JsonNode> received = events.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(received).extracting(e -> e.path("chunk").asInt()).containsExactly(0, 1, 2);
        assertThat(received.get(2).path("state").asText()).isEqualTo("completed");
        assertThat(received.get(2).path("result").path("memories_extracted").asInt()).isEqualTo(2);
    }

    @Test
    void serverSentEventsOfAnotherUsersTaskAre404() throws Exception {
        Job job = PipelineJobs.processing(jobs, Users.fresh("sse-owner"), 1);
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve(
                        "api/v1/memories/extract/" + job.taskId() + "/progress"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + TestTokens.forUser(Users.fresh("sse-intruder"))).build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    // ---- helpers ----

    /**
     * The first message that is not a "processing" one. Marking a chunk done and ending the job are two writes, and the
     * socket pushes every change it sees, so the chunk's own update may come first.
     */
    private JsonNode finalState(SocketClient socket) throws Exception {
        for (int i = 0; i < 5; i++) {
            JsonNode message = json.readTree(socket.next(WAIT));
            if (!"processing".equals(message.path("state").asText())) {
                return message;
            }
        }
        throw new AssertionError("no final state after five progress messages: " + socket.received());
    }

    private void finish(Job job) {
        for (int i = 0; i < job.totalChunks(); i++) {
            chunkLedger.recordChunkDone(job.taskId(), i, 1).ifPresent(completion::finishIfComplete);
        }
    }

    URI socketUri(Job job, String token) {
        return socketUri(job.taskId(), token);
    }

    URI socketUri(String taskId, String token) {
        String http = base.toString().replaceFirst("^http", "ws");
        return URI.create(http + "api/v1/memories/extract/" + taskId + "/ws"
                + (token == null ? "" : "?access_token=" + token));
    }

    /** The stream's events until it ends, each also added to {@code seen} as it arrives. */
    private List<JsonNode> readEvents(InputStream body, List<JsonNode> seen) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    JsonNode event = json.readTree(line.substring(5).trim());
                    out.add(event);
                    seen.add(event);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
