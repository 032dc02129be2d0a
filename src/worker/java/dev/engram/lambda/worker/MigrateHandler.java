package dev.engram.lambda.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Named;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * The migrate function: a CloudFormation custom resource that applies the Flyway migrations when a deployment
 * creates or updates it, so the schema matches the code before the new versions take traffic. It always answers
 * CloudFormation, before Lambda's own timeout could cut it off (a custom resource that never answers holds the stack
 * until its ServiceTimeout); a failed or unfinished migration answers FAILED with the reason, which rolls the
 * deployment back. Deleting the resource leaves the schema alone ({@link MigrateEntry} answers a Delete without
 * starting Quarkus).
 */
@Named("migrate")
public class MigrateHandler implements RequestHandler<Map<String, Object>, MigrateHandler.Outcome> {

    static final String PHYSICAL_ID = CloudFormationAnswer.PHYSICAL_ID;
    /** Time kept back from the function's timeout to answer CloudFormation. */
    static final long ANSWER_RESERVE_MILLIS = 20_000;
    private static final Logger LOG = Logger.getLogger(MigrateHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Flyway flyway;

    MigrateHandler(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public Outcome handleRequest(Map<String, Object> event, Context context) {
        String type = String.valueOf(event.getOrDefault("RequestType", "Create"));
        Outcome outcome;
        String refused = "Update".equals(type) ? dimensionChange(event) : null;
        if ("Delete".equals(type)) {
            outcome = new Outcome("SUCCESS", "schema kept on delete");
        } else if (refused != null) {
            outcome = new Outcome("FAILED", refused);
        } else {
            outcome = migrateWithin(context == null ? Long.MAX_VALUE
                    : Math.max(1_000, context.getRemainingTimeInMillis() - ANSWER_RESERVE_MILLIS));
        }
        LOG.infof("%s: %s", type, outcome.reason());
        JsonNode request = JSON.valueToTree(event);
        CloudFormationAnswer.send(request, outcome.status(), outcome.reason());
        return outcome;
    }

    /**
     * Why an update must not go on, or null: the vector columns were created with the stack's first EmbeddingDimension
     * and Flyway never re-runs that migration, so a new dimension would leave every insert failing. Refusing rolls the
     * deployment back before any function runs with the new dimension (README, Deploying).
     */
    static String dimensionChange(Map<String, Object> event) {
        Object before = properties(event.get("OldResourceProperties")).get("EmbeddingDimension");
        Object after = properties(event.get("ResourceProperties")).get("EmbeddingDimension");
        if (before == null || after == null || String.valueOf(before).equals(String.valueOf(after))) {
            return null;
        }
        return "EmbeddingDimension cannot change on a deployed stack (" + before + " -> " + after
                + "): the schema's vector columns keep their dimension; deploy a new stack for another dimension";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private Outcome migrateWithin(long millis) {
        CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(flyway::migrate);
        try {
            MigrateResult result = migration.get(millis, TimeUnit.MILLISECONDS);
            return new Outcome("SUCCESS", result.migrationsExecuted + " migrations applied, schema at version "
                    + (result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion));
        } catch (TimeoutException e) {
            migration.cancel(true);
            LOG.errorf("migration unfinished after %d ms", millis);
            return new Outcome("FAILED", "migration unfinished after " + millis / 1000 + " s (database unreachable?)");
        } catch (ExecutionException e) {
            LOG.errorf(e.getCause(), "migration failed");
            return new Outcome("FAILED", "migration failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("FAILED", "migration interrupted");
        }
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
