package dev.engram.lambda.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Named;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * The migrate function: a CloudFormation custom resource that applies the Flyway migrations when a deployment
 * creates or updates it, so the schema matches the code before the new versions take traffic. It always answers
 * CloudFormation (a custom resource that never answers holds the stack for an hour); a failed migration answers
 * FAILED with the reason, which rolls the deployment back. Deleting the resource leaves the schema alone.
 */
@Named("migrate")
public class MigrateHandler implements RequestHandler<Map<String, Object>, MigrateHandler.Outcome> {

    static final String PHYSICAL_ID = "engram-schema";
    private static final Logger LOG = Logger.getLogger(MigrateHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Flyway flyway;

    MigrateHandler(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public Outcome handleRequest(Map<String, Object> event, Context context) {
        String type = String.valueOf(event.getOrDefault("RequestType", "Create"));
        Outcome outcome;
        try {
            if ("Delete".equals(type)) {
                outcome = new Outcome("SUCCESS", "schema kept on delete");
            } else {
                MigrateResult result = flyway.migrate();
                outcome = new Outcome("SUCCESS", result.migrationsExecuted + " migrations applied, schema at version "
                        + (result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "migration failed");
            outcome = new Outcome("FAILED", "migration failed: " + e.getMessage());
        }
        LOG.infof("%s: %s", type, outcome.reason());
        Object responseUrl = event.get("ResponseURL");
        if (responseUrl != null) {
            answer(responseUrl.toString(), event, outcome);
        }
        return outcome;
    }

    private static void answer(String url, Map<String, Object> event, Outcome outcome) {
        ObjectNode body = JSON.createObjectNode()
                .put("Status", outcome.status())
                .put("Reason", truncate(outcome.reason()))
                .put("PhysicalResourceId", PHYSICAL_ID)
                .put("StackId", String.valueOf(event.get("StackId")))
                .put("RequestId", String.valueOf(event.get("RequestId")))
                .put("LogicalResourceId", String.valueOf(event.get("LogicalResourceId")));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.errorf("CloudFormation did not take the answer: HTTP %d %s", response.statusCode(), response.body());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            LOG.errorf(e, "cannot answer CloudFormation");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CloudFormation caps the whole answer at 4 KB. */
    private static String truncate(String reason) {
        return reason == null ? "" : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    /**
     * What the migration did.
     *
     * @param status {@code SUCCESS} or {@code FAILED}, as CloudFormation reads it
     * @param reason what happened
     */
    public record Outcome(String status, String reason) {
    }
}
