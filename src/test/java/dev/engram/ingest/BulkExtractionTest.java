package dev.engram.ingest;

import static dev.engram.testing.Api.MEETING_NOTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.AwsFaults;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.SqsException;

@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class BulkExtractionTest {

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    @Test
    void aStoreFailureHalfwayThroughLeavesNothingBehind() {
        String alice = Users.fresh("alice");
        AwsFaults.injectAfter("PutObject", "inputs/" + alice + "/", 29, 1,
                () -> S3Exception.builder().message("injected: slow down").statusCode(503).build());

        Api.as(alice).contentType(ContentType.JSON).body(Map.of("items", texts(40)))
                .post("/api/v1/memories/extract/bulk").then().statusCode(503);

        assertThat(Api.as(alice).get("/api/v1/jobs").jsonPath().getList("jobs")).as("jobs left behind").isEmpty();
    }

    @Test
    void aQueueFailureHalfwayThroughFailsThoseJobsAndTheRestOfTheGroupRuns() {
        String alice = Users.fresh("alice");
        AwsFaults.injectAfter("SendMessage", alice, 5, 1,
                () -> SqsException.builder().message("injected: service unavailable").statusCode(503).build());

        JsonPath accepted = Api.as(alice).contentType(ContentType.JSON).body(Map.of("items", texts(8)))
                .post("/api/v1/memories/extract/bulk").then().statusCode(202).extract().jsonPath();

        JsonPath done = Await.until("the group to finish", Duration.ofSeconds(120),
                () -> Api.as(alice).get("/api/v1/memories/extract/bulk/{id}", accepted.getString("group_id"))
                        .jsonPath(),
                p -> !"processing".equals(p.getString("status")));
        assertThat(done.getString("status")).isEqualTo("completed_with_errors");
        assertThat(done.getList("items.state", String.class)).containsOnly("completed", "failed")
                .filteredOn("failed"::equals).hasSize(1);
    }

    private static List<Map<String, String>> texts(int n) {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(Map.of("type", "text", "text", "Decided to ship release " + i + " on Friday."));
        }
        return items;
    }

    @Test
    void aGroupOfTextsMessagesAndAStoredFileCompletesWithItsOwnProgress() {
        String alice = Users.fresh("alice");
        String earlier = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false))
                .then().statusCode(200).extract().path("task_id");
        JsonPath accepted = Api.as(alice).contentType(ContentType.JSON).body(Map.of("items", List.of(
                        Map.of("type", "text", "text", MEETING_NOTES),
                        Map.of("type", "message", "id", "slack-123",
                                "text", "@tom please send the contract to legal by Friday"),
                        Map.of("type", "file", "id", earlier))))
                .post("/api/v1/memories/extract/bulk").then().statusCode(202).extract().jsonPath();
        String groupId = accepted.getString("group_id");
        assertThat(accepted.getInt("total_items")).isEqualTo(3);

        JsonPath done = Await.until("the group to finish", Duration.ofSeconds(90),
                () -> Api.as(alice).get("/api/v1/memories/extract/bulk/{id}", groupId).jsonPath(),
                p -> !"processing".equals(p.getString("status")));
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getInt("progress")).isEqualTo(100);
        assertThat(done.getList("items.state", String.class)).containsOnly("completed");

        Api.as(Users.fresh("bob")).get("/api/v1/memories/extract/bulk/{id}", groupId).then().statusCode(404);
    }

    @Test
    void oneBadItemRefusesTheWholeGroup() {
        String alice = Users.fresh("alice");
        Api.as(alice).contentType(ContentType.JSON).body(Map.of("items", List.of(
                        Map.of("type", "text", "text", "fine"),
                        Map.of("type", "file", "id", "drop/someone-else/secret.md"),
                        Map.of("type", "fax"))))
                .post("/api/v1/memories/extract/bulk").then().statusCode(400).body("errors.size()", equalTo(2));
        assertThat(Api.as(alice).get("/api/v1/jobs").jsonPath().getList("jobs")).isEmpty();
    }
}
