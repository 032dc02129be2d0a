package dev.engram.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the template sets is a configuration key the app reads, under MicroProfile Config's
 * environment-variable rule (upper case, every character other than a letter or digit becomes {@code _}); Quarkus
 * keys must also be runtime keys, since a build-time key set in the environment of a Lambda function does nothing.
 */
class TemplateConfigTest {

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern METHOD = Pattern.compile("^\\s{4}(?!default|static|return)[\\w<>, ?.]+\\s+(\\w+)\\(\\);",
            Pattern.MULTILINE);
    private static final Pattern PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern SECRETS_KEY = Pattern.compile("\"(engram\\.[a-z0-9.-]+)\"");

    /** Not application configuration: read by the JVM itself. */
    private static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS");
    /**
     * Keys of extensions only the Lambda builds contain (their config model is not on the default build's classpath),
     * with the source that proves the build reads them.
     */
    private static final Map<String, String> LAMBDA_BUILD_KEYS = Map.of(
            "QUARKUS_LAMBDA_HANDLER", "src/test-worker/java/dev/engram/lambda/worker/WorkerFunction.java");

    @Test
    void everyEnvironmentVariableIsAConfigKeyTheAppReads() throws IOException {
        Map<String, String> engram = engramKeysByEnvName();
        Map<String, QuarkusKey> quarkus = quarkusKeysByEnvName();
        Template template = Template.load();
        List<String> unknown = new ArrayList<>();
        List<String> buildTime = new ArrayList<>();
        Set<String> variables = new TreeSet<>();
        for (String function : template.ofType("AWS::Serverless::Function")) {
            variables.addAll(template.environment(function).keySet());
        }
        // An empty set would pass every check below: the template's functions do set these.
        assertThat(variables).as("environment variables of the template's functions")
                .contains("ENGRAM_JOBS_TABLE", "ENGRAM_EXTRACT_PROVIDER", "ENGRAM_SECRETS_DATABASE_ARN",
                        "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_LAMBDA_HANDLER");
        Set<String> readByEngram = new TreeSet<>();
        Set<String> readByQuarkus = new TreeSet<>();
        for (String variable : variables) {
            if (JVM.contains(variable)) {
                continue;
            }
            // Quarkus's own model first: a Quarkus key that application.properties also sets is still checked for
            // its phase.
            QuarkusKey key = quarkus.get(variable);
            if (key != null) {
                readByQuarkus.add(variable);
                if (!key.phase().equals("RUN_TIME")) {
                    buildTime.add(variable + " (" + key.property() + " is " + key.phase() + ")");
                }
            } else if (engram.containsKey(variable)) {
                readByEngram.add(variable);
            } else if (LAMBDA_BUILD_KEYS.containsKey(variable)) {
                String property = variable.toLowerCase().replace('_', '.');
                assertThat(Files.readString(Path.of(LAMBDA_BUILD_KEYS.get(variable)))).contains(property);
            } else {
                unknown.add(variable);
            }
        }
        assertThat(unknown).as("environment variables no code reads").isEmpty();
        assertThat(buildTime).as("build-time keys set at run time").isEmpty();
        // Each variable was matched against a real key, not waved through.
        assertThat(readByEngram).as("variables matched to Engram's keys")
                .contains("ENGRAM_JOBS_TABLE", "ENGRAM_EXTRACT_PROVIDER", "ENGRAM_SECRETS_DATABASE_ARN");
        assertThat(readByQuarkus).as("variables matched to Quarkus run-time keys")
                .contains("QUARKUS_DATASOURCE_REACTIVE_URL");
    }

    @Test
    void theKeyIndexesKnowTheKeysAndOnlyThose() throws IOException {
        // The check above passes for any variable an index lists: make sure the indexes are not empty or too wide.
        Map<String, String> engram = engramKeysByEnvName();
        assertThat(engram).containsKeys("ENGRAM_EXTRACT_PROVIDER", "ENGRAM_JOBS_TABLE", "ENGRAM_LLM_REQUESTS_PER_MINUTE")
                .doesNotContainKeys("ENGRAM_EXTRACT_PROVIDERS", "ENGRAM_NO_SUCH_KEY");
        Map<String, QuarkusKey> quarkus = quarkusKeysByEnvName();
        assertThat(quarkus).containsKey("QUARKUS_DATASOURCE_REACTIVE_URL").doesNotContainKey("QUARKUS_NO_SUCH_KEY");
        assertThat(quarkus.get("QUARKUS_DATASOURCE_REACTIVE_URL").phase()).isEqualTo("RUN_TIME");
    }

    /** Engram's keys: @ConfigMapping prefixes with their methods, @ConfigProperty names, application.properties. */
    static Map<String, String> engramKeysByEnvName() throws IOException {
        Map<String, String> keys = new TreeMap<>();
        for (SourceTree.Source source : SourceTree.read(SourceTree.MAIN)) {
            Matcher mapping = MAPPING.matcher(source.text());
            if (mapping.find()) {
                String prefix = mapping.group(1);
                Matcher method = METHOD.matcher(source.text());
                while (method.find()) {
                    String key = prefix + "." + kebab(method.group(1));
                    keys.put(envName(key), key);
                }
            }
            Matcher property = PROPERTY.matcher(source.text());
            while (property.find()) {
                keys.put(envName(property.group(1)), property.group(1));
            }
            if (source.path().endsWith("SecretsConfigSourceFactory.java")) {
                Matcher secret = SECRETS_KEY.matcher(source.text());
                while (secret.find()) {
                    keys.put(envName(secret.group(1)), secret.group(1));
                }
            }
        }
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            String key = trimmed.substring(0, trimmed.indexOf('=')).strip().replaceFirst("^%[\\w-]+\\.", "");
            keys.put(envName(key), key);
        }
        return keys;
    }

    /** A Quarkus configuration key from an extension's config model. */
    record QuarkusKey(String property, String phase) {
    }

    /** Every Quarkus key whose config model is on the classpath, by its environment variable name. */
    static Map<String, QuarkusKey> quarkusKeysByEnvName() throws IOException {
        Map<String, QuarkusKey> keys = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (URL model : Collections.list(TemplateConfigTest.class.getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
            try (InputStream in = model.openStream()) {
                for (JsonNode root : json.readTree(in).path("configRoots")) {
                    collect(root.path("items"), keys);
                }
            }
        }
        assertThat(keys).as("Quarkus config models on the test classpath").isNotEmpty();
        return keys;
    }

    private static void collect(JsonNode items, Map<String, QuarkusKey> keys) {
        for (JsonNode item : items) {
            JsonNode path = item.path("path");
            if (path.has("environmentVariable")) {
                keys.put(path.path("environmentVariable").asText(),
                        new QuarkusKey(path.path("property").asText(), item.path("phase").asText()));
            }
            collect(item.path("items"), keys);
        }
    }

    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
