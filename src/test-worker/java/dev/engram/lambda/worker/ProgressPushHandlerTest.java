package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.ConnectionStore;
import dev.engram.progress.Job;
import dev.engram.progress.JobStore;
import dev.engram.progress.ProgressSubscriptions;
import dev.engram.progress.ProgressView;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The progress pusher, driven by {@code infra/events/job-stream-record.json} carrying job records read from DynamoDB
 * Local, posting through the real Management API client to a local stand-in of API Gateway's {@code @connections} API.
 */
@QuarkusTest
@TestProfile(WorkerFunction.ProgressPush.class)
class ProgressPushHandlerTest {

    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    ConnectionStore connections;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    ObjectMapper json;
    @Inject
    ProgressSubscriptions subscriptions;

    FakeManagementApi api;

    @Test
    void aChangedJobIsPushedToTheConnectionsFollowingItAndNoOthers() throws Exception {
        String user = user();
        Job job = Jobs.split(jobs, user, 4);
        chunkLedger.recordChunkDone(job.taskId(), 0, 2);
        Job other = Jobs.split(jobs, user, 2);
        String first = following(user, job.taskId());
        String second = following(user, job.taskId());
        String elsewhere = following(user, other.taskId());
        String idle = open(user, null);
        String stranger = following(user(), job.taskId());

        assertThat(push(job.taskId()).path("batchItemFailures")).isEmpty();

        String expected = json.writeValueAsString(ProgressView.of(jobs.find(job.taskId()).orElseThrow()));
        assertThat(api.received(first)).containsExactly(expected);
        assertThat(api.received(second)).containsExactly(expected);
        assertThat(LambdaEvents.parse(expected).path("chunk").asInt()).isEqualTo(1);
        assertThat(api.received(elsewhere)).isEmpty();
        assertThat(api.received(idle)).isEmpty();
        assertThat(api.received(stranger)).isEmpty();
        assertThat(connections.find(first).orElseThrow().taskId()).isEqualTo(job.taskId());
        // Signed as AWS signs Management API calls.
        assertThat(api.exchanges()).filteredOn(e -> e.connectionId().equals(first)).first()
                .satisfies(e -> assertThat(e.authorization()).startsWith("AWS4-HMAC-SHA256").contains("/execute-api/"));
    }

    @Test
    void aGoneConnectionIsForgottenAndTheOthersStillReceive() {
        String user = user();
        Job job = Jobs.split(jobs, user, 2);
        String live = following(user, job.taskId());
        String gone = following(user, job.taskId());
        api.disconnect(gone);

        assertThat(push(job.taskId()).path("batchItemFailures")).isEmpty();

        assertThat(api.received(live)).hasSize(1);
        assertThat(connections.find(gone)).isEmpty();
        assertThat(connections.find(live)).isPresent();
    }

    @Test
    void theFinalStateIsPushedThenTheConnectionIsClosed() {
        String user = user();
        Job job = Jobs.split(jobs, user, 1);
        String watcher = following(user, job.taskId());
        jobs.fail(job.taskId(), "unreadable document");

        assertThat(push(job.taskId()).path("batchItemFailures")).isEmpty();

        JsonNode last = LambdaEvents.parse(api.received(watcher).getLast());
        assertThat(last.path("state").asText()).isEqualTo("failed");
        assertThat(last.path("progress").asInt()).isEqualTo(100);
        assertThat(last.path("result").path("extraction_id").asText()).isEqualTo(job.extractionId());
        assertThat(api.exchanges()).filteredOn(e -> e.connectionId().equals(watcher)).extracting(e -> e.method())
                .containsExactly("POST", "DELETE");
        assertThat(api.isOpen(watcher)).isFalse();
        assertThat(connections.find(watcher)).isEmpty();
    }

    @Test
    void aConnectionWhoseTokenExpiredIsToldSoAndClosed() {
        String user = user();
        Job job = Jobs.split(jobs, user, 2);
        String stale = expired(user, job.taskId());

        push(job.taskId());

        JsonNode told = LambdaEvents.parse(api.received(stale).getFirst());
        assertThat(told.path("error").asText()).isEqualTo("unauthorized");
        assertThat(told.path("code").asInt()).isEqualTo(4401);
        assertThat(api.received(stale)).hasSize(1);
        assertThat(api.isOpen(stale)).isFalse();
        assertThat(connections.find(stale)).isEmpty();
    }

    @Test
    void theScheduledSweepClosesAConnectionWhoseTokenExpiredWhileItsJobStayedQuiet() {
        String user = user();
        Job job = Jobs.split(jobs, user, 3);
        String stale = expired(user, job.taskId());
        String idle = expired(user, null); // expired before it subscribed to anything
        String live = following(user, job.taskId());

        MockLambda.Invocation result = MockLambda.invoke(LambdaEvents.load("progress-push-schedule.json"));

        assertThat(result.status()).as(result.output()).isEqualTo(200);
        assertThat(result.json().path("closed").asInt()).isGreaterThanOrEqualTo(2);
        for (String closed : List.of(stale, idle)) {
            JsonNode told = LambdaEvents.parse(api.received(closed).getFirst());
            assertThat(told.path("error").asText()).isEqualTo("unauthorized");
            assertThat(told.path("code").asInt()).isEqualTo(4401);
            assertThat(told.path("message").asText()).isEqualTo("token expired");
            assertThat(api.exchanges()).filteredOn(e -> e.connectionId().equals(closed)).extracting(e -> e.method())
                    .containsExactly("POST", "DELETE");
            assertThat(connections.find(closed)).isEmpty();
        }
        assertThat(api.received(live)).isEmpty();
        assertThat(api.isOpen(live)).isTrue();
        assertThat(connections.find(live)).isPresent();
    }

    /**
     * The load of the issue on the AWS path: 200 connections of 10 users (20 each, the per-user maximum) on 50 running
     * jobs, connected and subscribed through the routes' service, the jobs counted chunk by chunk in the job table and
     * every change pushed from stream batches of 50 records.
     */
    @Test
    void twoHundredConnectionsOnFiftyRunningJobsEachSeeTheirOwnJobsFinalStateOnly() {
        Map<String, Job> jobOf = new java.util.HashMap<>();
        List<Job> running = new java.util.ArrayList<>();
        for (int u = 0; u < 10; u++) {
            String user = user();
            for (int j = 0; j < 5; j++) {
                Job job = Jobs.split(jobs, user, 2);
                running.add(job);
                for (int c = 0; c < 4; c++) {
                    String id = connectionId();
                    api.connect(id);
                    assertThat(subscriptions.connected(id, user, Instant.now().plusSeconds(3600))).isTrue();
                    assertThat(LambdaEvents.parse(subscriptions.subscribe(id, job.taskId())).path("task_id").asText())
                            .isEqualTo(job.taskId());
                    jobOf.put(id, job);
                }
            }
            assertThat(subscriptions.connected(connectionId(), user, Instant.now().plusSeconds(3600)))
                    .as("a 21st connection of one user").isFalse();
        }

        for (int chunk = 0; chunk < 2; chunk++) {
            for (Job job : running) {
                jobs.finishIfComplete(chunkLedger.recordChunkDone(job.taskId(), chunk, 1).orElseThrow());
            }
            MockLambda.Invocation result = MockLambda.invoke(recordsOf(running.stream().map(Job::taskId).toList()));
            assertThat(result.status()).as(result.output()).isEqualTo(200);
            assertThat(result.json().path("batchItemFailures")).isEmpty();
        }

        jobOf.forEach((connection, job) -> {
            List<JsonNode> seen = api.received(connection).stream().map(LambdaEvents::parse).toList();
            assertThat(seen).as(connection).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.path("task_id").asText()).isEqualTo(job.taskId()));
            assertThat(seen.getLast().path("state").asText()).as(connection).isEqualTo("completed");
            assertThat(api.isOpen(connection)).as(connection + " closed after the final state").isFalse();
            assertThat(connections.find(connection)).isEmpty();
        });
    }

    @Test
    void aChunkRecordPushesNothing() {
        String user = user();
        Job job = Jobs.split(jobs, user, 2);
        String watcher = following(user, job.taskId());
        ObjectNode event = recordOf(job.taskId());
        ObjectNode image = (ObjectNode) event.path("Records").path(0).path("dynamodb").path("NewImage");
        image.set("sk", json.createObjectNode().put("S", "CHUNK#000000"));

        MockLambda.Invocation result = MockLambda.invoke(event);

        assertThat(result.status()).as(result.output()).isEqualTo(200);
        assertThat(api.received(watcher)).isEmpty();
    }

    /** The stream event for the job's record as it is now in the job table. */
    private JsonNode push(String taskId) {
        MockLambda.Invocation result = MockLambda.invoke(recordOf(taskId));
        assertThat(result.status()).as(result.output()).isEqualTo(200);
        return result.json();
    }

    /** One stream event carrying the records of several jobs as they are now. */
    private ObjectNode recordsOf(List<String> taskIds) {
        ObjectNode event = LambdaEvents.load("job-stream-record.json");
        ArrayNode records = event.putArray("Records");
        int sequence = 0;
        for (String taskId : taskIds) {
            ObjectNode record = (ObjectNode) recordOf(taskId).path("Records").path(0);
            ((ObjectNode) record.path("dynamodb")).put("SequenceNumber", String.valueOf(++sequence));
            records.add(record);
        }
        return event;
    }

    private ObjectNode recordOf(String taskId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(jobs.table())
                .key(Map.of("pk", AttributeValue.fromS("JOB#" + taskId), "sk", AttributeValue.fromS("JOB")))
                .consistentRead(true)).item();
        ObjectNode event = LambdaEvents.load("job-stream-record.json");
        ObjectNode change = (ObjectNode) event.path("Records").path(0).path("dynamodb");
        change.set("NewImage", typed(item));
        change.set("Keys", typed(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        return event;
    }

    /** An item in DynamoDB's typed JSON, as streams carry it. */
    private ObjectNode typed(Map<String, AttributeValue> item) {
        ObjectNode out = json.createObjectNode();
        item.forEach((name, value) -> out.set(name, typed(value)));
        return out;
    }

    private ObjectNode typed(AttributeValue value) {
        ObjectNode out = json.createObjectNode();
        switch (value.type()) {
            case S -> out.put("S", value.s());
            case N -> out.put("N", value.n());
            case BOOL -> out.put("BOOL", value.bool());
            case NUL -> out.put("NULL", true);
            case L -> {
                ArrayNode list = out.putArray("L");
                value.l().forEach(v -> list.add(typed(v)));
            }
            case M -> out.set("M", typed(value.m()));
            default -> throw new IllegalArgumentException("not used by job records: " + value.type());
        }
        return out;
    }

    private String following(String user, String taskId) {
        return open(user, taskId);
    }

    private String open(String user, String taskId) {
        String id = connectionId();
        api.connect(id);
        connections.open(id, user, Instant.now().plusSeconds(3600), 20, Instant.now());
        if (taskId != null) {
            connections.follow(id, taskId);
        }
        return id;
    }

    /** A connection whose token expired a second ago, following {@code taskId} (or nothing). */
    private String expired(String user, String taskId) {
        String id = connectionId();
        api.connect(id);
        connections.open(id, user, Instant.now().minusSeconds(1), 20, Instant.now().minusSeconds(60));
        if (taskId != null) {
            connections.follow(id, taskId);
        }
        return id;
    }

    private static String connectionId() {
        return ProgressSocketHandlerTest.connectionId();
    }

    private static String user() {
        return "ada-" + UUID.randomUUID();
    }
}
