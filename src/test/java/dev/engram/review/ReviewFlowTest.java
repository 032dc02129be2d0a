package dev.engram.review;

import static dev.engram.testing.Api.MEETING_NOTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review acceptance: confirm, edit, reject; then list and search what was saved. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ReviewFlowTest {

    @Test
    void confirmEditRejectThenListAndSearch() {
        String alice = Users.fresh("alice");
        JsonPath extraction = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false)).jsonPath();
        String extractionId = extraction.getString("extraction_id");
        String decision = idOf(extraction, "decision");
        String task = idOf(extraction, "task");
        String insight = idOf(extraction, "insight");

        JsonPath saved = Api.as(alice).contentType(ContentType.JSON).body(Map.of(
                        "confirmed_ids", List.of(decision),
                        "rejected_ids", List.of(insight),
                        "edits", List.of(Map.of("temp_id", task,
                                "content", "Sarah to prepare the European market research by Feb 1"))))
                .post("/api/v1/memories/extract/{id}/confirm", extractionId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(saved.getInt("saved_count")).isEqualTo(2);
        assertThat(saved.getList("memory_ids")).hasSize(2);

        JsonPath list = Api.as(alice).get("/api/v1/memories").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("memories.content", String.class))
                .contains("Sarah to prepare the European market research by Feb 1");
        assertThat(list.getList("memories.memory_type", String.class)).containsExactlyInAnyOrder("task", "decision");

        JsonPath found = Api.as(alice).contentType(ContentType.JSON)
                .body(Map.of("query", "who is doing the market study?", "k", 5))
                .post("/api/v1/memories/search").then().statusCode(200).extract().jsonPath();
        assertThat(found.getString("results[0].memory.memory_type")).isEqualTo("task");
        assertThat(found.getDouble("results[0].score")).isPositive();
        assertThat(Api.as(alice).get("/api/v1/memories/{id}", found.getString("results[0].memory.id"))
                .jsonPath().getString("accessed_at")).as("a search records the access").isNotNull();

        JsonPath view = Api.as(alice).get("/api/v1/memories/extract/{id}", extractionId).jsonPath();
        assertThat(view.getString("status")).isEqualTo("reviewed");
        assertThat(view.getList("extracted_memories.status", String.class)).contains("confirmed", "rejected");
    }

    @Test
    void repeatingAReviewSavesNothingTwice() {
        String alice = Users.fresh("alice");
        JsonPath extraction = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false)).jsonPath();
        String id = extraction.getString("extraction_id");
        var body = Map.of("confirmed_ids", List.of(idOf(extraction, "task"), idOf(extraction, "decision")));
        List<String> first = Api.as(alice).contentType(ContentType.JSON).body(body)
                .post("/api/v1/memories/extract/{id}/confirm", id).jsonPath().getList("memory_ids");
        List<String> second = Api.as(alice).contentType(ContentType.JSON).body(body)
                .post("/api/v1/memories/extract/{id}/confirm", id).jsonPath().getList("memory_ids");
        assertThat(second).containsExactlyInAnyOrderElementsOf(first);
        assertThat(Api.as(alice).get("/api/v1/memories").jsonPath().getList("memories")).hasSize(2);
    }

    @Test
    void aRepeatedTaskInALaterExtractionUpdatesTheSavedMemory() {
        String alice = Users.fresh("alice");
        JsonPath first = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false)).jsonPath();
        Api.as(alice).contentType(ContentType.JSON).body(Map.of("confirmed_ids", List.of(idOf(first, "task"))))
                .post("/api/v1/memories/extract/{id}/confirm", first.getString("extraction_id"))
                .then().statusCode(200);

        JsonPath again = Api.extract(alice, Map.of("async", false, "text",
                "Follow-up on Jan 16, 2024. Action item: Sarah to prepare the market research by Feb 1.")).jsonPath();
        var repeated = again.getList("extracted_memories", Map.class).stream()
                .filter(m -> "task".equals(m.get("memory_type"))).findFirst().orElseThrow();
        assertThat(repeated.get("status")).isEqualTo("duplicate");
        assertThat(repeated.get("duplicate_of")).isNotNull();
        Api.as(alice).contentType(ContentType.JSON).body(Map.of("confirmed_ids", List.of(repeated.get("temp_id"))))
                .post("/api/v1/memories/extract/{id}/confirm", again.getString("extraction_id"))
                .then().statusCode(200).body("memory_ids[0]", equalTo(repeated.get("duplicate_of")));
        assertThat(Api.as(alice).get("/api/v1/memories?type=task").jsonPath().getList("memories")).hasSize(1);
    }

    @Test
    void editingADuplicateIntoAnotherSavedMemorysTextAnswers409() {
        String alice = Users.fresh("alice");
        JsonPath first = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false, "auto_save", true))
                .jsonPath();
        String decision = Api.as(alice).get("/api/v1/memories?type=decision").jsonPath()
                .getString("memories[0].content");
        JsonPath again = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false)).jsonPath();
        var repeatedTask = again.getList("extracted_memories", Map.class).stream()
                .filter(m -> "task".equals(m.get("memory_type"))).findFirst().orElseThrow();
        assertThat(repeatedTask.get("status")).isEqualTo("duplicate");

        // The saved task would become a copy of the saved decision: refused, as PATCH refuses it.
        Api.as(alice).contentType(ContentType.JSON).body(Map.of("edits", List.of(Map.of("temp_id",
                        repeatedTask.get("temp_id"), "content", decision, "memory_type", "decision"))))
                .post("/api/v1/memories/extract/{id}/confirm", again.getString("extraction_id"))
                .then().statusCode(409).body("status", equalTo(409));
        assertThat(first.getString("task_id")).isNotNull();
    }

    @Test
    void reviewingUnknownOrAnotherUsersItemsFails() {
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        JsonPath extraction = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false)).jsonPath();
        String id = extraction.getString("extraction_id");
        Api.as(bob).contentType(ContentType.JSON).body(Map.of("confirmed_ids", List.of(idOf(extraction, "task"))))
                .post("/api/v1/memories/extract/{id}/confirm", id).then().statusCode(404);
        Api.as(alice).contentType(ContentType.JSON)
                .body(Map.of("confirmed_ids", List.of("00000000-0000-0000-0000-000000000001")))
                .post("/api/v1/memories/extract/{id}/confirm", id).then().statusCode(409);
        Api.as(alice).contentType(ContentType.JSON).body(Map.of("confirmed_ids", List.of(idOf(extraction, "task")),
                        "rejected_ids", List.of(idOf(extraction, "task"))))
                .post("/api/v1/memories/extract/{id}/confirm", id).then().statusCode(400);
    }

    static String idOf(JsonPath extraction, String type) {
        return extraction.getList("extracted_memories", Map.class).stream()
                .filter(m -> type.equals(m.get("memory_type"))).map(m -> (String) m.get("temp_id"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " extracted"));
    }
}
