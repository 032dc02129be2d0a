package dev.engram.ingest;

import static dev.engram.testing.Api.MEETING_NOTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.llm.OpenAiTestProfile;
import dev.engram.testing.Api;
import dev.engram.testing.AwsFaults;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The synchronous path (one chunk, extracted inside the request) under the AWS faults it meets between writing the job
 * and finishing the chunk: whatever fails, the job ends completed or failed with a reason, never processing with no
 * chunk queued (a retry with the same Idempotency-Key would only replay that job).
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
@TestProfile(SyncExtractionFaultsTest.ImmediateHandOff.class)
class SyncExtractionFaultsTest {

    /**
     * A sync deadline no inline run meets, so every request hands its chunk to the queue. Extraction by the rules,
     * embeddings from the fake OpenAI server (the local model's native tokenizer loads once per JVM, in the default
     * test application), and queues and a job table of its own.
     */
    public static class ImmediateHandOff extends OpenAiTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>(super.getConfigOverrides());
            c.put("engram.extract.provider", "rules");
            c.put("engram.extract.sync-deadline", "PT0.001S");
            c.put("engram.queues.prefix", "engram-synctest-");
            c.put("engram.jobs.table", "engram-synctest-jobs");
            return c;
        }
    }

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    @Test
    void aJobRecordThatCannotBeMovedOnIsSplitFromItsStoredInputInstead() {
        String alice = Users.fresh("alice");
        AwsFaults.inject("UpdateItem", "split_done", 1, () -> ProvisionedThroughputExceededException.builder()
                .statusCode(400).message("injected: throughput exceeded")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build());

        Response accepted = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false));
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        String task = accepted.jsonPath().getString("task_id");

        JsonPath done = Api.awaitFinished(alice, task, Duration.ofSeconds(60)).jsonPath();
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("completed");
        JsonPath extraction = Api.as(alice).get("/api/v1/memories/extract/{id}", accepted.jsonPath()
                .getString("extraction_id")).jsonPath();
        assertThat(extraction.getList("extracted_memories")).as("the notes' memories, extracted by the queue")
                .isNotEmpty();
    }

    @Test
    void aChunkThatCanBeNeitherFinishedInlineNorQueuedFailsTheJobWithTheReason() {
        String alice = Users.fresh("alice");
        AwsFaults.inject("SendMessage", alice, 1,
                () -> SqsException.builder().message("injected: service unavailable").statusCode(503).build());

        Response refused = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false));
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        JsonPath jobs = Api.as(alice).get("/api/v1/jobs").jsonPath();
        assertThat(jobs.getList("jobs")).hasSize(1);
        assertThat(jobs.getString("jobs[0].state")).as(jobs.prettify()).isEqualTo("failed");
        assertThat(jobs.getString("jobs[0].error")).contains("could not be queued").contains("please retry");
    }
}
