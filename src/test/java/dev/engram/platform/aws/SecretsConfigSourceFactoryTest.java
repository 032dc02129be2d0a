package dev.engram.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets become configuration at start: read with the real SDK client from a local server that answers
 * Secrets Manager's JSON protocol ({@code X-Amz-Target: secretsmanager.GetSecretValue}).
 */
class SecretsConfigSourceFactoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DB = "arn:aws:secretsmanager:eu-west-1:000000000000:secret:engram-db";
    private static final String PROVIDER = "arn:aws:secretsmanager:eu-west-1:000000000000:secret:engram-provider";

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final Map<String, String> saved = new ConcurrentHashMap<>();
    private HttpServer server;

    @BeforeEach
    void startSecretsManager() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String id = request.path("SecretId").asText();
            asked.add(target + " " + id);
            byte[] body;
            int status;
            if ("secretsmanager.GetSecretValue".equals(target) && secrets.containsKey(id)) {
                status = 200;
                body = JSON.writeValueAsBytes(Map.of("ARN", id, "Name", id, "SecretString", secrets.get(id)));
            } else {
                status = 400;
                body = ("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the"
                        + " specified secret.\"}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        set("aws.endpointUrlSecretsManager", "http://127.0.0.1:" + server.getAddress().getPort());
        set("aws.accessKeyId", "test");
        set("aws.secretAccessKey", "test");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        saved.forEach((k, v) -> {
            if (v.isEmpty()) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void databaseCredentialsAndProviderKeysBecomeConfigBelowTheEnvironment() {
        secrets.put(DB, "{\"username\":\"engram\",\"password\":\"s3cr3t\",\"engine\":\"postgres\",\"port\":5432}");
        secrets.put(PROVIDER, "{\"ENGRAM_OPENAI_API_KEY\":\"sk-test\",\"ENGRAM_LLM_REQUESTS_PER_MINUTE\":600,"
                + "\"nested\":{\"ignored\":true}}");

        List<ConfigSource> sources = sources(Map.of(SecretsConfigSourceFactory.DATABASE_ARN, DB,
                SecretsConfigSourceFactory.PROVIDER_ARN, PROVIDER, "engram.aws.region", "eu-west-1"));

        assertThat(sources).hasSize(1);
        ConfigSource source = sources.get(0);
        assertThat(source.getOrdinal()).isEqualTo(275).isLessThan(300);
        assertThat(source.getProperties()).containsOnly(Map.entry("quarkus.datasource.username", "engram"),
                Map.entry("quarkus.datasource.password", "s3cr3t"), Map.entry("ENGRAM_OPENAI_API_KEY", "sk-test"),
                Map.entry("ENGRAM_LLM_REQUESTS_PER_MINUTE", "600"));
        assertThat(asked).containsExactlyInAnyOrder("secretsmanager.GetSecretValue " + DB,
                "secretsmanager.GetSecretValue " + PROVIDER);
    }

    @Test
    void withoutSecretArnsNothingIsReadOrAdded() {
        assertThat(sources(Map.of("engram.aws.region", "eu-west-1"))).isEmpty();
        assertThat(sources(Map.of(SecretsConfigSourceFactory.DATABASE_ARN, " "))).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void aMalformedSecretStopsTheStartWithWhatIsWrongButNotItsValue() {
        secrets.put(DB, "{\"username\":\"engram\"}");
        assertThatThrownBy(() -> sources(Map.of(SecretsConfigSourceFactory.DATABASE_ARN, DB)))
                .hasMessage("the database secret has no password");
        secrets.put(PROVIDER, "[\"sk-leaked\"]");
        assertThatThrownBy(() -> sources(Map.of(SecretsConfigSourceFactory.PROVIDER_ARN, PROVIDER)))
                .hasMessage("the provider secret is not a JSON object").hasMessageNotContaining("sk-leaked");
        secrets.put(PROVIDER, "sk-plain-text");
        assertThatThrownBy(() -> sources(Map.of(SecretsConfigSourceFactory.PROVIDER_ARN, PROVIDER)))
                .hasMessage("the provider secret is not JSON").hasMessageNotContaining("sk-plain-text");
    }

    @Test
    void aMissingSecretFailsTheStart() {
        assertThatThrownBy(() -> sources(Map.of(SecretsConfigSourceFactory.DATABASE_ARN, DB)))
                .hasMessageContaining("can't find the specified secret");
    }

    private List<ConfigSource> sources(Map<String, String> config) {
        List<ConfigSource> out = new ArrayList<>();
        new SecretsConfigSourceFactory().getConfigSources(context(config)).forEach(out::add);
        return out;
    }

    private static ConfigSourceContext context(Map<String, String> config) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return config.containsKey(name) ? ConfigValue.builder().withName(name).withValue(config.get(name))
                        .build() : null;
            }

            @Override
            public List<String> getProfiles() {
                return List.of();
            }

            @Override
            public Iterator<String> iterateNames() {
                return config.keySet().iterator();
            }
        };
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key, ""));
        System.setProperty(key, value);
    }
}
