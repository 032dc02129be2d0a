package dev.engram.platform.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Configuration from Secrets Manager, read once at start, so database credentials and provider keys never sit in
 * template parameters or environment variables: {@code engram.secrets.database-arn} supplies
 * {@code quarkus.datasource.username/password}; {@code engram.secrets.provider-arn} is a JSON object whose members
 * are config keys (e.g. {@code ENGRAM_OPENAI_API_KEY}). Without either key (locally, in tests) it adds nothing.
 * Environment variables still win (ordinal 275, below the environment's 300). With SnapStart the values are part of
 * the snapshot: a rotated secret needs a new deployment.
 */
public class SecretsConfigSourceFactory implements ConfigSourceFactory {

    static final String DATABASE_ARN = "engram.secrets.database-arn";
    static final String PROVIDER_ARN = "engram.secrets.provider-arn";
    static final int ORDINAL = 275;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String database = value(context, DATABASE_ARN);
        String provider = value(context, PROVIDER_ARN);
        if (database == null && provider == null) {
            return List.of();
        }
        String region = value(context, "engram.aws.region");
        Map<String, String> properties = new HashMap<>();
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region == null ? "us-east-1" : region)).build()) {
            if (provider != null) {
                properties.putAll(providerProperties(read(client, provider)));
            }
            if (database != null) {
                properties.putAll(databaseProperties(read(client, database)));
            }
        }
        return List.of(new PropertiesConfigSource(properties, "engram-secrets", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The datasource credentials in an RDS-style secret. */
    static Map<String, String> databaseProperties(String secret) {
        JsonNode json = parse(secret, "database secret");
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.datasource.username", required(json, "username"));
        properties.put("quarkus.datasource.password", required(json, "password"));
        return properties;
    }

    /** Every string member of a provider secret, as a config key. */
    static Map<String, String> providerProperties(String secret) {
        JsonNode json = parse(secret, "provider secret");
        Map<String, String> properties = new HashMap<>();
        json.properties().forEach(e -> {
            if (e.getValue().isValueNode()) {
                properties.put(e.getKey(), e.getValue().asText());
            }
        });
        return properties;
    }

    private static String read(SecretsManagerClient client, String arn) {
        return client.getSecretValue(b -> b.secretId(arn)).secretString();
    }

    private static JsonNode parse(String secret, String what) {
        try {
            JsonNode json = JSON.readTree(secret);
            if (json == null || !json.isObject()) {
                throw new IllegalStateException("the " + what + " is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("the " + what + " is not JSON", e);
        }
    }

    private static String required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.asText().isEmpty()) {
            throw new IllegalStateException("the database secret has no " + field);
        }
        return value.asText();
    }

    private static String value(ConfigSourceContext context, String key) {
        ConfigValue value = context.getValue(key);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
