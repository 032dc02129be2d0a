package dev.engram.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import dev.engram.progress.JobStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The API function behind API Gateway (HTTP API, payload v2), driven by {@code infra/events/api-*.json}: the
 * authorizer has verified the token, and the user is the {@code sub} of the claims it forwards.
 */
@QuarkusTest
class ApiFunctionTest {

    @Inject
    JobStore jobs;

    @Test
    void extractWithAuthorizerClaimsAnswersTheExampleMemoriesForTheClaimsSubject() {
        String sub = "alice-" + UUID.randomUUID();
        ObjectNode event = LambdaEvents.load("api-extract.json");
        claims(event).put("sub", sub);

        JsonNode response = MockLambda.invoke(event).json();

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        JsonNode body = LambdaEvents.parse(response.path("body").asText());
        assertThat(body.path("status").asText()).isEqualTo("pending_review");
        List<JsonNode> tasks = body.path("extracted_memories").findParents("memory_type").stream()
                .filter(m -> m.path("memory_type").asText().equals("task")).toList();
        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.path("metadata").path("assignee").asText()).isEqualTo("Sarah");
            assertThat(task.path("metadata").path("due_date").asText()).isEqualTo("2024-02-01");
        });
        String taskId = body.path("task_id").asText();
        assertThat(jobs.find(taskId)).hasValueSatisfying(job -> assertThat(job.userId()).isEqualTo(sub));
    }

    @Test
    void requestWithoutAuthorizerClaimsIsUnauthorized() {
        ObjectNode event = LambdaEvents.load("api-extract.json");
        ((ObjectNode) event.path("requestContext")).remove("authorizer");

        JsonNode response = MockLambda.invoke(event).json();

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(401);
        assertThat(header(response, "content-type")).startsWith("application/problem+json");
        assertThat(LambdaEvents.parse(response.path("body").asText()).path("status").asInt()).isEqualTo(401);
    }

    @Test
    void claimsWithoutASubjectAreUnauthorized() {
        ObjectNode event = LambdaEvents.load("api-extract.json");
        claims(event).remove("sub");

        JsonNode response = MockLambda.invoke(event).json();

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(401);
    }

    @Test
    void progressOfATaskThatDoesNotExistIsNotFound() {
        JsonNode response = MockLambda.invoke(LambdaEvents.load("api-progress.json")).json();

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(404);
        assertThat(header(response, "content-type")).startsWith("application/problem+json");
    }

    @Test
    void progressOfAnotherUsersTaskIsNotFound() {
        ObjectNode extract = LambdaEvents.load("api-extract.json");
        claims(extract).put("sub", "alice-" + UUID.randomUUID());
        JsonNode created = MockLambda.invoke(extract).json();
        String taskId = LambdaEvents.parse(created.path("body").asText()).path("task_id").asText();
        ObjectNode progress = LambdaEvents.load("api-progress.json");
        String path = "/api/v1/memories/extract/" + taskId + "/progress";
        progress.put("rawPath", path);
        ((ObjectNode) progress.path("requestContext").path("http")).put("path", path);
        claims(progress).put("sub", "mallory-" + UUID.randomUUID());

        assertThat(MockLambda.invoke(progress).json().path("statusCode").asInt()).isEqualTo(404);
    }

    private static ObjectNode claims(ObjectNode event) {
        return (ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims");
    }

    private static String header(JsonNode response, String name) {
        var headers = response.path("headers").properties();
        return headers.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().asText())
                .findFirst().orElse("");
    }
}
