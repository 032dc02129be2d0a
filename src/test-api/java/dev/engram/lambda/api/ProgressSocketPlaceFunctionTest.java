package dev.engram.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API function tells the review page the stack's WebSocket API ({@code ENGRAM_PROGRESS_AWS_SOCKET_URL} in
 * template.yaml), since API Gateway's HTTP API serves no WebSockets.
 */
@QuarkusTest
@TestProfile(ProgressSocketPlaceFunctionTest.WithWebSocketApi.class)
class ProgressSocketPlaceFunctionTest {

    static final String URL = "wss://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/live";

    @Test
    void theReviewPageIsToldToSubscribeOverTheWebSocketApi() {
        ObjectNode event = LambdaEvents.load("api-progress.json");
        String path = "/api/v1/progress/socket";
        event.put("rawPath", path);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path);

        JsonNode response = MockLambda.invoke(event).json();

        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        JsonNode body = LambdaEvents.parse(response.path("body").asText());
        assertThat(body.path("protocol").asText()).isEqualTo("subscribe");
        assertThat(body.path("url").asText()).isEqualTo(URL);
    }

    /** The API function as the stack configures it. */
    public static class WithWebSocketApi implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("engram.progress.aws-socket.url", URL);
        }
    }
}
