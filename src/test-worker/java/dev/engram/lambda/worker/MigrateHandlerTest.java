package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migrate function as CloudFormation invokes it, driven by {@code infra/events/migrate-custom-resource.json}; the
 * answer CloudFormation would receive at the presigned ResponseURL goes to a local server instead.
 */
@QuarkusTest
@TestProfile(WorkerFunction.Migrate.class)
class MigrateHandlerTest {

    private HttpServer cloudFormation;
    private final BlockingQueue<String> answers = new ArrayBlockingQueue<>(4);

    @BeforeEach
    void startCloudFormation() throws IOException {
        cloudFormation = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        cloudFormation.createContext("/", exchange -> {
            answers.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        cloudFormation.start();
    }

    @AfterEach
    void stopCloudFormation() {
        cloudFormation.stop(0);
    }

    @Test
    void createAppliesTheMigrationsAndAnswersSuccess() throws InterruptedException {
        MockLambda.Invocation result = MockLambda.invoke(event("Create"));

        assertThat(result.status()).as(result.output()).isEqualTo(200);
        assertThat(result.json().path("status").asText()).isEqualTo("SUCCESS");
        JsonNode answer = answer();
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo(MigrateHandler.PHYSICAL_ID);
        assertThat(answer.path("LogicalResourceId").asText()).isEqualTo("DatabaseMigration");
        assertThat(answer.path("RequestId").asText()).isEqualTo("6f0e7c1a-2b3d-4c5e-8f9a-0b1c2d3e4f5a");
    }

    @Test
    void deleteKeepsTheSchemaAndAnswersSuccess() throws InterruptedException {
        MockLambda.Invocation result = MockLambda.invoke(event("Delete"));

        assertThat(result.status()).isEqualTo(200);
        assertThat(answer().path("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void anUpdateThatChangesTheEmbeddingDimensionIsRefused() throws InterruptedException {
        ObjectNode event = event("Update");
        event.putObject("OldResourceProperties").put("EmbeddingDimension", "768");
        ((ObjectNode) event.get("ResourceProperties")).put("EmbeddingDimension", "384");

        MockLambda.invoke(event);

        JsonNode answer = answer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).contains("EmbeddingDimension cannot change");
    }

    @Test
    void anUpdateWithTheSameDimensionMigrates() throws InterruptedException {
        ObjectNode event = event("Update");
        event.putObject("OldResourceProperties").put("EmbeddingDimension", "384");

        MockLambda.invoke(event);

        assertThat(answer().path("Status").asText()).isEqualTo("SUCCESS");
    }

    private ObjectNode event(String type) {
        ObjectNode event = LambdaEvents.load("migrate-custom-resource.json");
        event.put("RequestType", type);
        event.put("ResponseURL", "http://localhost:" + cloudFormation.getAddress().getPort() + "/response?sig=x");
        return event;
    }

    private JsonNode answer() throws InterruptedException {
        String answer = answers.poll(30, TimeUnit.SECONDS);
        assertThat(answer).as("CloudFormation's answer").isNotNull().startsWith("PUT ");
        return LambdaEvents.parse(answer.substring(4));
    }
}
