package dev.engram.ingest;

import static dev.engram.testing.Api.MEETING_NOTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.progress.JobSweeper;
import dev.engram.testing.Api;
import dev.engram.testing.AwsFaults;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * A submission cut off between writing its job and queuing it, whose failure could not be recorded either (the chaos
 * run met it: SQS failed the send, DynamoDB throttled the job's fail), must not leave the job pending for the 30 days
 * of its record: the sweep fails it with a reason once it has waited longer than any queued job does.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
@TestProfile(NeverQueuedJobTest.ShortQueuedTimeout.class)
class NeverQueuedJobTest {

    /** A queued timeout the test can outwait. */
    public static class ShortQueuedTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("engram.jobs.queued-timeout", "PT1S");
        }
    }

    @Inject
    JobSweeper sweeper;

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    @Test
    void aJobWhoseSplitRequestNeverLeftFailsWithAReasonInsteadOfStayingPending() throws InterruptedException {
        String alice = Users.fresh("alice");
        AwsFaults.inject("SendMessage", alice, 1,
                () -> SqsException.builder().message("injected: service unavailable").statusCode(503).build());
        AwsFaults.inject("UpdateItem", "could not be queued", 1, () -> ProvisionedThroughputExceededException
                .builder().statusCode(400).message("injected: throughput exceeded")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build());

        Api.extract(alice, Map.of("text", MEETING_NOTES)).then().statusCode(503);
        JsonPath left = Api.as(alice).get("/api/v1/jobs").jsonPath();
        assertThat(left.getList("jobs")).hasSize(1);
        assertThat(left.getString("jobs[0].state")).as("the job the interrupted submission left").isEqualTo("pending");
        String task = left.getString("jobs[0].task_id");

        // The sweep fails it once it has been pending for the queued timeout (one second here).
        JsonPath progress = Await.until("the sweep to fail the job", Duration.ofSeconds(20), () -> {
            sweeper.run();
            return Api.as(alice).get("/api/v1/memories/extract/{id}/progress", task).jsonPath();
        }, p -> !"pending".equals(p.getString("state")));
        assertThat(progress.getString("state")).isEqualTo("failed");
        assertThat(progress.getString("error")).contains("never started").contains("submit it again");
        sweeper.run();
        assertThat(Api.as(alice).get("/api/v1/memories/extract/{id}/progress", task).jsonPath().getString("state"))
                .as("a second sweep changes nothing").isEqualTo("failed");
    }
}
