package dev.engram.memory;

import static dev.engram.testing.Api.MEETING_NOTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class MemoryApiTest {

    private static List<String> saveAll(String user, String text) {
        var extraction = Api.extract(user, Map.of("text", text, "async", false, "auto_save", true)).jsonPath();
        assertThat(extraction.getString("status")).isEqualTo("auto_saved");
        return Api.as(user).get("/api/v1/memories?limit=100").jsonPath().getList("memories.id");
    }

    @Test
    void autoSavedMemoriesCanBeUpdatedDeletedAndRestored() {
        String alice = Users.fresh("alice");
        List<String> ids = saveAll(alice, MEETING_NOTES);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
        String id = ids.get(0);

        Api.as(alice).get("/api/v1/memories/{id}", id).then().statusCode(200)
                .body("source.task_id", org.hamcrest.Matchers.startsWith("tsk_"))
                .body("source.chunk_index", equalTo(0)).body("embedding_status", equalTo("ready"));
        Api.as(alice).contentType(ContentType.JSON)
                .body(Map.of("content", "Revenue grew 15% quarter over quarter", "tags", List.of("finance")))
                .patch("/api/v1/memories/{id}", id).then().statusCode(200)
                .body("content", equalTo("Revenue grew 15% quarter over quarter"))
                .body("tags", equalTo(List.of("finance")));
        assertThat(Api.as(alice).get("/api/v1/memories?tag=finance").jsonPath().getList("memories.id"))
                .containsExactly(id);

        Api.as(alice).delete("/api/v1/memories/{id}", id).then().statusCode(204);
        assertThat(Api.as(alice).get("/api/v1/memories").jsonPath().getList("memories.id")).doesNotContain(id);
        Api.as(alice).post("/api/v1/memories/{id}/restore", id).then().statusCode(200);
        assertThat(Api.as(alice).get("/api/v1/memories").jsonPath().getList("memories.id")).contains(id);
    }

    @Test
    void autoSavedMemoriesKeepTheirPendingIdsAndTheSameNotesAgainSaveNoTwins() {
        String bob = Users.fresh("bob");
        var first = extraction(bob, saved(bob));
        List<String> saved = Api.as(bob).get("/api/v1/memories?limit=100").jsonPath().getList("memories.id");
        assertThat(first.getList("extracted_memories.memory_id", String.class)).as("new memories take their pending ids")
                .isEqualTo(first.getList("extracted_memories.temp_id", String.class))
                .containsExactlyInAnyOrderElementsOf(saved);

        var again = extraction(bob, saved(bob));

        // Proposals that repeat saved memories are marked duplicates of them when stored, and auto-save leaves them.
        assertThat(again.getList("extracted_memories.status", String.class)).isNotEmpty().containsOnly("duplicate");
        assertThat(again.getList("extracted_memories.duplicate_of", String.class))
                .containsExactlyInAnyOrderElementsOf(saved);
        assertThat(Api.as(bob).get("/api/v1/memories?limit=100").jsonPath().getList("memories.id"))
                .containsExactlyInAnyOrderElementsOf(saved);
    }

    /** Auto-saves the meeting notes; the extraction id. */
    private static String saved(String user) {
        var answer = Api.extract(user, Map.of("text", MEETING_NOTES, "async", false, "auto_save", true)).jsonPath();
        assertThat(answer.getString("status")).isEqualTo("auto_saved");
        return answer.getString("extraction_id");
    }

    private static io.restassured.path.json.JsonPath extraction(String user, String extractionId) {
        return Api.as(user).get("/api/v1/memories/extract/{id}", extractionId).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        String alice = Users.fresh("alice");
        List<String> all = saveAll(alice, MEETING_NOTES);
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var spec = Api.as(alice).queryParam("limit", 1);
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            var page = spec.get("/api/v1/memories").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("memories.id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(all);
    }

    @Test
    void anotherUserSeesNothingAndChangesNothing() {
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        String id = saveAll(alice, MEETING_NOTES).get(0);
        Api.as(bob).get("/api/v1/memories/{id}", id).then().statusCode(404);
        Api.as(bob).contentType(ContentType.JSON).body(Map.of("content", "mine now"))
                .patch("/api/v1/memories/{id}", id).then().statusCode(404);
        Api.as(bob).delete("/api/v1/memories/{id}", id).then().statusCode(404);
        Api.as(bob).post("/api/v1/memories/{id}/restore", id).then().statusCode(404);
        assertThat(Api.as(bob).get("/api/v1/memories").jsonPath().getList("memories")).isEmpty();
        assertThat(Api.as(bob).contentType(ContentType.JSON).body(Map.of("query", "revenue"))
                .post("/api/v1/memories/search").jsonPath().getList("results")).isEmpty();
        Api.as(alice).get("/api/v1/memories/{id}", id).then().statusCode(200);
    }

    @Test
    void badFiltersAndQueriesAreProblems() {
        String alice = Users.fresh("alice");
        Api.as(alice).get("/api/v1/memories?type=gossip&limit=0&cursor=zzz").then().statusCode(400)
                .body("errors.size()", equalTo(3));
        Api.as(alice).contentType(ContentType.JSON).body(Map.of("query", " ")).post("/api/v1/memories/search")
                .then().statusCode(400);
        Api.as(alice).get("/api/v1/memories/not-a-uuid").then().statusCode(404);
    }
}
