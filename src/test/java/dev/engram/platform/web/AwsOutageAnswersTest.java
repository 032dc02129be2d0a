package dev.engram.platform.web;

import static dev.engram.testing.Api.MEETING_NOTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.progress.JobIds;
import dev.engram.testing.Api;
import dev.engram.testing.AwsFaults;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * AWS being busy or failing on its side is the client's cue to retry, never an internal error: the chaos run saw
 * progress, cancel, purge and submissions answer 500 while DynamoDB throttled.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class AwsOutageAnswersTest {

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    @Test
    void throttledDynamoDbAnswers503WithRetryAfter() {
        String alice = Users.fresh("alice");
        // A task no stage knows of: the armed fault can only hit the progress request's read of its record.
        String task = JobIds.taskId(JobIds.newBody());
        AwsFaults.inject("GetItem", task, 1, () -> ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                        .build())
                .message("injected: throughput exceeded").build());

        assertRetryLater(Api.as(alice).get("/api/v1/memories/extract/{id}/progress", task));
        Api.as(alice).get("/api/v1/memories/extract/{id}/progress", task).then().statusCode(404);
    }

    @Test
    void anS3ServerErrorOnSubmissionAnswers503WithRetryAfter() {
        String alice = Users.fresh("alice");
        AwsFaults.inject("PutObject", "inputs/" + alice + "/", 1,
                () -> S3Exception.builder().message("injected: internal error").statusCode(500).build());

        assertRetryLater(Api.extract(alice, Map.of("text", MEETING_NOTES)));
    }

    @Test
    void anUnreachableQueueAnswers503WithRetryAfter() {
        String alice = Users.fresh("alice");
        AwsFaults.inject("SendMessage", alice, 1,
                () -> SqsException.builder().message("injected: service unavailable").statusCode(503).build());

        assertRetryLater(Api.extract(alice, Map.of("text", MEETING_NOTES)));
    }

    private static void assertRetryLater(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
