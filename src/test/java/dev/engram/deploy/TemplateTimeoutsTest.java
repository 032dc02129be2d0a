package dev.engram.deploy;

import static dev.engram.deploy.Template.list;
import static dev.engram.deploy.Template.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.embed.openai.EmbeddingCalls;
import dev.engram.extract.ExtractSettings;
import dev.engram.extract.llm.ExtractionCalls;
import dev.engram.split.parse.DocumentReader;
import dev.engram.split.parse.ParseLimits;
import io.smallrye.config.WithDefault;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;

/**
 * Each function's timeout against the deadlines of its own work, read from the code and its configuration: a function
 * must outlive its batch's worst case (with 20% to spare), or Lambda kills it mid-batch and the queue redelivers work
 * that was about to finish; each queue hides a message for at least 6x its consumer's timeout, as AWS advises.
 */
class TemplateTimeoutsTest {

    private static final double MARGIN = 1.2;
    private static final int HTTP_API_LIMIT_SECONDS = 30;
    private final Template template = Template.load();
    private final Properties config = applicationProperties();

    @Test
    void theApiAnswersASynchronousExtractionBeforeItsTimeoutAndInsideTheHttpApisThirtySeconds() throws Exception {
        Duration sync = Duration.parse(ExtractSettings.class.getMethod("syncDeadline").getAnnotation(WithDefault.class)
                .value());
        int timeout = timeout("ApiFunction");
        assertThat(timeout).as("API timeout vs the sync deadline " + sync)
                .isGreaterThanOrEqualTo((int) Math.ceil(sync.toSeconds() * MARGIN))
                .isLessThanOrEqualTo(HTTP_API_LIMIT_SECONDS);
    }

    @Test
    void theSplitFunctionOutlivesABatchOfDocumentsEachAtItsParseDeadline() throws Exception {
        Field grace = DocumentReader.class.getDeclaredField("GRACE_MILLIS");
        grace.setAccessible(true);
        double perDocument = ParseLimits.DEFAULTS.timeout().toMillis() / 1000.0 + grace.getLong(null) / 1000.0;
        double batch = batchSizes("SplitFunction").stream().mapToInt(Integer::intValue).max().orElseThrow()
                * perDocument;
        assertThat(timeout("SplitFunction")).as("split timeout vs a batch at the parse deadline (%.0f s)", batch)
                .isGreaterThanOrEqualTo((int) Math.ceil(batch * MARGIN));
    }

    @Test
    void theProcessFunctionOutlivesABatchOfLlmExtractionsAndAnEmbeddingCallWithAllTheirRetries() {
        double extraction = worstCall(ExtractionCalls.class, "ask", "dev.engram.extract.llm.ExtractionCalls/ask");
        double embedding = worstCall(EmbeddingCalls.class, "embed", "dev.engram.embed.openai.EmbeddingCalls/embed");
        // The batch size with an LLM extractor is the smaller one of the !If (two chunks); rules take milliseconds.
        int llmBatch = batchSizes("ProcessFunction").stream().mapToInt(Integer::intValue).min().orElseThrow();
        double batch = llmBatch * extraction + embedding;
        assertThat(timeout("ProcessFunction"))
                .as("process timeout vs %d extractions of %.1f s and an embedding call of %.1f s", llmBatch,
                        extraction, embedding)
                .isGreaterThanOrEqualTo((int) Math.ceil(batch * MARGIN));
    }

    @Test
    void theMigrateFunctionOutlivesItsConnectionRetries() {
        Map<String, Object> env = template.environment("MigrateFunction");
        int retries = Integer.parseInt(String.valueOf(env.get("QUARKUS_FLYWAY_CONNECT_RETRIES")));
        Duration interval = Duration.parse("PT" + String.valueOf(env.get("QUARKUS_FLYWAY_CONNECT_RETRIES_INTERVAL"))
                .toUpperCase());
        assertThat(timeout("MigrateFunction")).isGreaterThanOrEqualTo((int) Math.ceil(retries * interval.toSeconds()
                * MARGIN));
    }

    @Test
    void theExpireFunctionOutlivesOneRunOfReembedding() throws Exception {
        Field rows = dev.engram.memory.ReembedService.class.getDeclaredField("ROWS_PER_SCHEDULED_RUN");
        rows.setAccessible(true);
        // Half the in-process embedding rate measured on two cores for 400-token texts (~20/s): a function's share of
        // CPU is smaller.
        double seconds = rows.getInt(null) / 10.0;
        assertThat(timeout("ExpireFunction")).as("expire timeout vs re-embedding %d memories", rows.getInt(null))
                .isGreaterThanOrEqualTo((int) Math.ceil(seconds * MARGIN));
    }

    @Test
    void everyQueueHidesAMessageForAtLeastSixTimesItsConsumersTimeout() {
        int consumers = 0;
        for (String function : template.ofType("AWS::Serverless::Function")) {
            for (Object event : map(template.properties(function).get("Events")).values()) {
                if ("SQS".equals(map(event).get("Type"))) {
                    consumers++;
                    String queue = String.valueOf(list(map(map(map(event).get("Properties")).get("Queue"))
                            .get("Fn::GetAtt")).get(0));
                    assertThat(template.number(template.properties(queue).get("VisibilityTimeout")))
                            .as(queue + " visibility vs " + function).isGreaterThanOrEqualTo(6 * timeout(function));
                }
            }
        }
        assertThat(consumers).isEqualTo(4);
    }

    /**
     * The longest one fault-tolerant call can take, in seconds: every attempt at its timeout and every backoff at its
     * longest, or the retries' maximum duration plus the attempt running when it passes, whichever is shorter.
     * Configuration overrides the annotations, as in SmallRye Fault Tolerance.
     */
    private double worstCall(Class<?> type, String name, String configPrefix) {
        Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
        Retry retry = method.getAnnotation(Retry.class);
        ExponentialBackoff backoff = method.getAnnotation(ExponentialBackoff.class);
        long timeout = setting(configPrefix, "timeout.value", method.getAnnotation(Timeout.class).value());
        long retries = setting(configPrefix, "retry.max-retries", retry.maxRetries());
        long delay = setting(configPrefix, "retry.delay", retry.delay());
        long jitter = setting(configPrefix, "retry.jitter", retry.jitter());
        long maxDelay = setting(configPrefix, "exponential-backoff.max-delay", backoff.maxDelay());
        long maxDuration = setting(configPrefix, "retry.max-duration", retry.maxDuration());
        double waits = 0;
        for (int i = 0; i < retries; i++) {
            waits += Math.min(delay * Math.pow(backoff.factor(), i), maxDelay) + jitter;
        }
        double all = (retries + 1) * timeout + waits;
        return Math.min(all, maxDuration + timeout) / 1000.0;
    }

    private long setting(String prefix, String key, long annotated) {
        String value = config.getProperty("quarkus.fault-tolerance.\"" + prefix + "\"." + key);
        return value == null || value.contains("${") ? annotated : Long.parseLong(value.trim());
    }

    private int timeout(String function) {
        return template.number(template.function(function).get("Timeout"));
    }

    private List<Integer> batchSizes(String function) {
        for (Object event : map(template.properties(function).get("Events")).values()) {
            Object size = map(map(event).get("Properties")).get("BatchSize");
            if (size instanceof Map<?, ?> m && m.containsKey("Fn::If")) {
                return list(m.get("Fn::If")).subList(1, 3).stream().map(template::number).toList();
            }
            if (size != null) {
                return List.of(template.number(size));
            }
        }
        throw new IllegalStateException(function + " has no queue event source");
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = TemplateTimeoutsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
