package dev.engram.lambda.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The answer a CloudFormation custom resource owes for each request: a PUT of its status to the request's presigned
 * ResponseURL. Without it the stack waits for the resource's ServiceTimeout.
 */
final class CloudFormationAnswer {

    static final String PHYSICAL_ID = "engram-schema";
    private static final Logger LOG = Logger.getLogger(CloudFormationAnswer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private CloudFormationAnswer() {
    }

    /** Sends {@code status} and {@code reason} for {@code event}; logs, never throws, when CloudFormation cannot be reached. */
    static void send(JsonNode event, String status, String reason) {
        String url = event.path("ResponseURL").asText("");
        if (url.isEmpty()) {
            return;
        }
        ObjectNode body = JSON.createObjectNode()
                .put("Status", status)
                .put("Reason", truncate(reason))
                .put("PhysicalResourceId", PHYSICAL_ID)
                .put("StackId", event.path("StackId").asText())
                .put("RequestId", event.path("RequestId").asText())
                .put("LogicalResourceId", event.path("LogicalResourceId").asText());
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.errorf("CloudFormation did not take the answer: HTTP %d %s", response.statusCode(), response.body());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException | IllegalArgumentException e) {
            LOG.errorf(e, "cannot answer CloudFormation");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CloudFormation caps the whole answer at 4 KB. */
    private static String truncate(String reason) {
        return reason == null ? "" : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }
}
