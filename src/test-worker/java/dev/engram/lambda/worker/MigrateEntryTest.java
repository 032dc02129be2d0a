package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migrate function's entry point without Quarkus behind it: CloudFormation gets its answer for a Delete without
 * Quarkus starting, and for a Create whose start fails, so a stack never waits for the ServiceTimeout.
 */
class MigrateEntryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer cloudFormation;
    private final BlockingQueue<String> answers = new ArrayBlockingQueue<>(4);

    @BeforeEach
    void startCloudFormation() throws IOException {
        cloudFormation = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        cloudFormation.createContext("/", exchange -> {
            answers.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
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
    void aDeleteIsAnsweredWithoutStartingQuarkus() throws Exception {
        MigrateEntry entry = new MigrateEntry(() -> {
            throw new AssertionError("Quarkus started for a Delete");
        });
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        entry.handleRequest(event("Delete"), output, null);

        assertThat(answer().path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("SUCCESS");
    }

    @Test
    void aCreateWhoseStartFailsIsAnsweredFailedWithTheReason() throws Exception {
        MigrateEntry entry = new MigrateEntry(() -> {
            throw new IllegalStateException("cannot read the database secret");
        });

        assertThatThrownBy(() -> entry.handleRequest(event("Create"), new ByteArrayOutputStream(), null))
                .hasMessageContaining("database secret");

        JsonNode answer = answer();
        assertThat(answer.path("Status").asText()).isEqualTo("FAILED");
        assertThat(answer.path("Reason").asText()).contains("cannot read the database secret");
        assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo(MigrateHandler.PHYSICAL_ID);
        assertThat(answer.path("LogicalResourceId").asText()).isEqualTo("DatabaseMigration");
    }

    private ByteArrayInputStream event(String type) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("infra/events/migrate-custom-resource.json")));
        event.put("RequestType", type);
        event.put("ResponseURL", "http://localhost:" + cloudFormation.getAddress().getPort() + "/response?sig=x");
        return new ByteArrayInputStream(JSON.writeValueAsBytes(event));
    }

    private JsonNode answer() throws Exception {
        String answer = answers.poll(30, TimeUnit.SECONDS);
        assertThat(answer).as("CloudFormation's answer").isNotNull();
        return JSON.readTree(answer);
    }
}
