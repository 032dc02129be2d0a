package dev.engram.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.schedule.ScheduledStage;
import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.arc.All;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An upload ticket never used does not leave its job pending for the record's lifetime. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class UploadExpiryTest {

    @Inject
    JobStore jobs;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    @All
    List<ScheduledStage> schedule;

    @Test
    void anUploadNeverMadeFailsItsJobOnceItsUrlExpired() {
        String user = Users.fresh("quin");
        String unused = ticket(user, "never.pdf");
        String waiting = ticket(user, "later.pdf");
        // The first ticket's URL expired an hour ago; the second's is still valid.
        dynamo.updateItem(b -> b.tableName(jobs.table())
                .key(Map.of("pk", AttributeValue.fromS("JOB#" + unused), "sk", AttributeValue.fromS("JOB")))
                .updateExpression("SET upload_expires_at = :x")
                .expressionAttributeValues(Map.of(":x", AttributeValue.fromS(Instant.now().minusSeconds(3600)
                        .toString()))));

        schedule.forEach(ScheduledStage::run);

        Job expired = jobs.find(unused).orElseThrow();
        assertThat(expired.state()).isEqualTo(JobState.FAILED);
        assertThat(expired.error()).contains("never uploaded");
        assertThat(expired.extractionStatus()).isEqualTo(ExtractionStatus.PENDING_REVIEW);
        assertThat(jobs.find(waiting).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }

    private static String ticket(String user, String name) {
        return Api.as(user).contentType(ContentType.JSON).body(Map.of("filename", name)).post("/api/v1/uploads")
                .then().statusCode(201).extract().path("task_id");
    }
}
