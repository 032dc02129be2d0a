package dev.engram.security;

import static dev.engram.testing.Api.MEETING_NOTES;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One user can never read, change, confirm, search or learn of another's data: every answer is 404, never 403. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class TenancyTest {

    @Test
    void bobCannotReachAnythingOfAlices() {
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        JsonPath extraction = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false)).jsonPath();
        String taskId = extraction.getString("task_id");
        String extractionId = extraction.getString("extraction_id");
        String tempId = extraction.getString("extracted_memories[0].temp_id");
        String memoryId = Api.as(alice).contentType(ContentType.JSON).body(Map.of("confirmed_ids", List.of(tempId)))
                .post("/api/v1/memories/extract/{id}/confirm", extractionId).jsonPath().getString("memory_ids[0]");
        String groupId = Api.as(alice).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("type", "text", "text", "Decision: ship it."))))
                .post("/api/v1/memories/extract/bulk").jsonPath().getString("group_id");

        List<io.restassured.response.Response> answers = List.of(
                Api.as(bob).get("/api/v1/memories/extract/{id}/progress", taskId),
                Api.as(bob).get("/api/v1/memories/extract/{id}", extractionId),
                Api.as(bob).contentType(ContentType.JSON).body(Map.of("confirmed_ids", List.of(tempId)))
                        .post("/api/v1/memories/extract/{id}/confirm", extractionId),
                Api.as(bob).get("/api/v1/memories/{id}", memoryId),
                Api.as(bob).contentType(ContentType.JSON).body(Map.of("content", "x"))
                        .patch("/api/v1/memories/{id}", memoryId),
                Api.as(bob).delete("/api/v1/memories/{id}", memoryId),
                Api.as(bob).post("/api/v1/memories/{id}/restore", memoryId),
                Api.as(bob).post("/api/v1/jobs/{id}/cancel", taskId),
                Api.as(bob).post("/api/v1/jobs/{id}/retry", taskId),
                Api.as(bob).delete("/api/v1/jobs/{id}", taskId),
                Api.as(bob).get("/api/v1/memories/extract/bulk/{id}", groupId));
        for (var answer : answers) {
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(Api.as(bob).get("/api/v1/jobs").jsonPath().getList("jobs")).isEmpty();
        assertThat(Api.as(bob).get("/api/v1/memories").jsonPath().getList("memories")).isEmpty();
        assertThat(Api.as(bob).contentType(ContentType.JSON).body(Map.of("query", "market research expansion"))
                .post("/api/v1/memories/search").jsonPath().getList("results")).isEmpty();
        // Bob's file item cannot point at Alice's stored input either.
        Api.as(bob).contentType(ContentType.JSON).body(Map.of("items", List.of(Map.of("type", "file", "id", taskId))))
                .post("/api/v1/memories/extract/bulk").then().statusCode(400);

        Api.as(alice).get("/api/v1/memories/{id}", memoryId).then().statusCode(200);
        Api.as(alice).get("/api/v1/memories/extract/{id}/progress", taskId).then().statusCode(200);
    }

    @Test
    void forgedExpiredAndUnsignedTokensAreRefused() {
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + b64("{\"iss\":\"https://engram.local\",\"sub\":\"alice\",\"aud\":\"engram\",\"exp\":"
                        + (Instant.now().getEpochSecond() + 3600) + "}") + ".";
        for (String token : List.of(TestTokens.forged("alice"), TestTokens.expired("alice"), none, "not-a-jwt")) {
            given().auth().oauth2(token).get("/api/v1/memories").then().statusCode(401)
                    .contentType(startsWith("application/problem+json"));
        }
        given().get("/api/v1/jobs").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
