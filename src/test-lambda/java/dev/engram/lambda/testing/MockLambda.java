package dev.engram.lambda.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Invokes the function under test the way Lambda does: Quarkus's Lambda test mode runs a mock of the Lambda runtime
 * API, and an event POSTed to its {@code /_lambda_} path is handed to the handler by the same poll loop that runs on
 * AWS; the HTTP answer is the handler's output (200) or the runtime's error report (500).
 */
public final class MockLambda {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MockLambda() {
    }

    /** The result of one invocation: HTTP status from the mock runtime and the handler's output. */
    public record Invocation(int status, String output) {

        public JsonNode json() {
            return LambdaEvents.parse(output);
        }
    }

    /** Delivers one event and waits for the handler's answer. */
    public static Invocation invoke(JsonNode event) {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_lambda_"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LambdaEvents.write(event))).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Invocation(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the mock Lambda runtime did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
