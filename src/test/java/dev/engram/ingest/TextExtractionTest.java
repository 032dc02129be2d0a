package dev.engram.ingest;

import static dev.engram.testing.Api.MEETING_NOTES;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class TextExtractionTest {

    @Test
    void synchronousExtractionReturnsTheTypedMemoriesOfTheExample() {
        String alice = Users.fresh("alice");
        JsonPath body = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false))
                .then().statusCode(200).extract().jsonPath();

        assertThat(body.getString("task_id")).startsWith("tsk_");
        assertThat(body.getString("extraction_id")).startsWith("ext_");
        assertThat(body.getString("status")).isEqualTo("pending_review");
        List<Map<String, Object>> memories = body.getList("extracted_memories");
        assertThat(memories).allSatisfy(m -> {
            assertThat(((Number) m.get("confidence")).doubleValue()).isBetween(0.0, 1.0);
            assertThat(m.get("temp_id")).isNotNull();
        });
        Map<String, Object> task = only(memories, "task");
        assertThat(meta(task)).containsEntry("assignee", "Sarah").containsEntry("due_date", "2024-02-01");
        assertThat(body.getString("extracted_memories.find { it.memory_type == 'task' }.excerpt.text"))
                .contains("Sarah to prepare market research");
        Map<String, Object> decision = only(memories, "decision");
        assertThat(meta(decision)).containsEntry("timeline", "Q2").containsEntry("lead", "John");
        Map<String, Object> insight = only(memories, "insight");
        assertThat(meta(insight)).containsEntry("metric", "revenue").containsEntry("change", "+15%");
    }

    @Test
    void asynchronousExtractionReachesCompletedWithTheSameMemories() {
        String alice = Users.fresh("alice");
        JsonPath accepted = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", true))
                .then().statusCode(202).body("status", equalTo("processing")).extract().jsonPath();
        String taskId = accepted.getString("task_id");
        String extractionId = accepted.getString("extraction_id");

        JsonPath done = Api.awaitFinished(alice, taskId, Duration.ofSeconds(60)).jsonPath();
        assertThat(done.getString("state")).isEqualTo("completed");
        assertThat(done.getInt("progress")).isEqualTo(100);
        assertThat(done.getInt("total_chunks")).isEqualTo(1);
        assertThat(done.getString("extraction_id")).isEqualTo(extractionId);

        JsonPath extraction = Api.as(alice).get("/api/v1/memories/extract/{id}", extractionId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(extraction.getString("status")).isEqualTo("pending_review");
        assertThat(extraction.getList("extracted_memories.memory_type", String.class))
                .contains("task", "decision", "insight");

        Api.as(alice).get("/api/v1/jobs").then().statusCode(200)
                .body("jobs[0].task_id", equalTo(taskId)).body("jobs[0].source", equalTo("manual"));
    }

    @Test
    void longTextIsChunkedAndEveryChunkCounted() {
        String alice = Users.fresh("alice");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("Week ").append(i).append(" status: the team shipped feature ").append(i)
                    .append(". Action item: Maria to review release ").append(i).append(" by Friday.\n\n");
        }
        String taskId = Api.extract(alice, Map.of("text", text.toString(), "reference_date", "2024-03-04"))
                .then().statusCode(202).extract().path("task_id");
        JsonPath done = Api.awaitFinished(alice, taskId, Duration.ofSeconds(120)).jsonPath();
        assertThat(done.getString("state")).isEqualTo("completed");
        assertThat(done.getInt("total_chunks")).isGreaterThan(1);
        assertThat(done.getInt("chunk")).isEqualTo(done.getInt("total_chunks"));
        assertThat(done.getInt("result.memories_extracted")).isPositive();
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstJob() {
        String alice = Users.fresh("alice");
        var body = Map.<String, Object>of("text", MEETING_NOTES);
        String first = Api.as(alice).header("Idempotency-Key", "retry-1").contentType(ContentType.JSON).body(body)
                .post("/api/v1/memories/extract").then().statusCode(202).extract().path("task_id");
        String second = Api.as(alice).header("Idempotency-Key", "retry-1").contentType(ContentType.JSON).body(body)
                .post("/api/v1/memories/extract").then().extract().path("task_id");
        assertThat(second).isEqualTo(first);
        assertThat(Api.as(alice).get("/api/v1/jobs").jsonPath().getList("jobs")).hasSize(1);
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIsRefusedWith422() {
        String alice = Users.fresh("alice");
        Api.as(alice).header("Idempotency-Key", "retry-2").contentType(ContentType.JSON)
                .body(Map.of("text", MEETING_NOTES)).post("/api/v1/memories/extract").then().statusCode(202);

        Api.as(alice).header("Idempotency-Key", "retry-2").contentType(ContentType.JSON)
                .body(Map.of("text", "Another text entirely. Decided to hire two engineers."))
                .post("/api/v1/memories/extract")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(422));
        assertThat(Api.as(alice).get("/api/v1/jobs").jsonPath().getList("jobs")).hasSize(1);
    }

    @Test
    void anIdempotencyKeyReusedOnAnotherEndpointGetsNoUploadUrlForTheFirstJob() {
        String alice = Users.fresh("alice");
        Api.as(alice).header("Idempotency-Key", "retry-3").contentType(ContentType.JSON)
                .body(Map.of("text", MEETING_NOTES)).post("/api/v1/memories/extract").then().statusCode(202);

        Api.as(alice).header("Idempotency-Key", "retry-3").contentType(ContentType.JSON)
                .body(Map.of("filename", "notes.txt")).post("/api/v1/uploads")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("upload_url", equalTo(null));
        assertThat(Api.as(alice).get("/api/v1/jobs").jsonPath().getList("jobs")).hasSize(1);
    }

    @Test
    void requestsWithoutAValidTokenGetProblemJson401() {
        given().contentType(ContentType.JSON).body(Map.of("text", "hi")).post("/api/v1/memories/extract")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401));
        given().auth().oauth2(TestTokens.forged("alice")).get("/api/v1/jobs").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("alice")).get("/api/v1/jobs").then().statusCode(401);
        String unsigned = TestTokens.forUser("alice").replaceAll("\\.[^.]*$", ".");
        given().auth().oauth2(unsigned).get("/api/v1/jobs").then().statusCode(401);
    }

    @Test
    void invalidRequestsGetProblemJsonNamingEveryField() {
        String alice = Users.fresh("alice");
        Api.extract(alice, Map.of("text", "", "source", "fax", "extract_types", List.of("gossip"),
                        "reference_date", "15/01/2024", "timezone", "Mars/Base"))
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.size()", equalTo(5));
        Api.extract(alice, Map.of("text", "x".repeat(50_001))).then().statusCode(400);
        Api.as(alice).contentType(ContentType.JSON).body("{\"text\": [1,2").post("/api/v1/memories/extract")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        Api.as(alice).contentType(ContentType.JSON).body("{\"text\": {\"a\": 1}}").post("/api/v1/memories/extract")
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("text"));
    }

    @Test
    void anotherUsersJobAndExtractionAreNotFound() {
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        JsonPath accepted = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false)).jsonPath();
        Api.as(bob).get("/api/v1/memories/extract/{id}/progress", accepted.getString("task_id"))
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        Api.as(bob).get("/api/v1/memories/extract/{id}", accepted.getString("extraction_id"))
                .then().statusCode(404);
        assertThat(Api.as(bob).get("/api/v1/jobs").jsonPath().getList("jobs")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(Map<String, Object> memory) {
        return (Map<String, Object>) memory.get("metadata");
    }

    private static Map<String, Object> only(List<Map<String, Object>> memories, String type) {
        var ofType = memories.stream().filter(m -> type.equals(m.get("memory_type"))).toList();
        assertThat(ofType).as("memories of type " + type + " in " + memories).hasSize(1);
        return ofType.get(0);
    }
}
