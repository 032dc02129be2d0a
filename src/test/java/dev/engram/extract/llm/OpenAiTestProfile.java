package dev.engram.extract.llm;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Extraction, conversation summaries and profile insights through the {@code openai} providers against {@link FakeOpenAi} (inject it with {@link InjectFakeOpenAi}), with fault-tolerance times shortened so
 * retries, timeouts and redeliveries take seconds; its own queues, table and bucket.
 */
public class OpenAiTestProfile implements QuarkusTestProfile {

    private static final String ASK = "quarkus.fault-tolerance.\"dev.engram.extract.llm.ExtractionCalls/ask\".";
    private static final String EMBED = "quarkus.fault-tolerance.\"dev.engram.embed.openai.EmbeddingCalls/embed\".";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        c.put("engram.extract.provider", "openai");
        c.put("engram.chat.summary-provider", "openai");
        c.put("engram.profile.insight-provider", "openai");
        c.put("engram.llm.api-key", "test-key");
        c.put("engram.llm.client-timeout", "10s");
        // Embeddings from the fake too: the local model's native tokenizer loads once per JVM, and only the default
        // test application (another class loader) may load it.
        c.put("engram.embed.provider", "openai");
        c.put("engram.embed.openai.batch-size", "2");
        c.put("engram.embed.openai.requests-per-minute", "6000");
        c.put("engram.llm.requests-per-minute", "6000");
        c.put(ASK + "timeout.value", "3000");
        c.put(ASK + "retry.max-retries", "2");
        c.put(ASK + "retry.delay", "50");
        c.put(ASK + "retry.jitter", "20");
        c.put(ASK + "exponential-backoff.max-delay", "200");
        c.put(ASK + "circuit-breaker.request-volume-threshold", "20");
        c.put(ASK + "circuit-breaker.failure-ratio", "1.0");
        c.put(ASK + "circuit-breaker.delay", "500");
        c.put(EMBED + "retry.delay", "50");
        c.put(EMBED + "retry.jitter", "20");
        c.put("engram.queues.prefix", "engram-llmtest-");
        c.put("engram.jobs.table", "engram-llmtest-jobs");
        c.put("engram.aws.bucket", "engram-llmtest");
        return c;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeOpenAiResource.class));
    }
}
