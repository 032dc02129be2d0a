package dev.engram.extract.llm;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rate benchmark: extraction by the openai provider configured for twice the fake provider's quota, embeddings
 * local, twenty chunk pollers each holding one message (the chunk event source's concurrency), its own queues.
 */
public class LlmBenchProfile implements QuarkusTestProfile {

    static final int CONFIGURED_RPM = 1200;

    private static final String ASK = "quarkus.fault-tolerance.\"dev.engram.extract.llm.ExtractionCalls/ask\".";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = new HashMap<>();
        c.put("engram.extract.provider", "openai");
        c.put("engram.llm.api-key", "bench-key");
        c.put("engram.llm.requests-per-minute", Integer.toString(CONFIGURED_RPM));
        c.put(ASK + "rate-limit.value", Integer.toString(CONFIGURED_RPM));
        c.put(ASK + "timeout.value", "10000");
        c.put(ASK + "retry.max-retries", "5");
        c.put(ASK + "retry.delay", "500");
        c.put(ASK + "retry.jitter", "250");
        c.put(ASK + "exponential-backoff.max-delay", "8000");
        c.put(ASK + "circuit-breaker.request-volume-threshold", "50");
        c.put(ASK + "circuit-breaker.failure-ratio", "1.0");
        c.put("engram.queues.prefix", "engram-bench-");
        c.put("engram.jobs.table", "engram-bench-jobs");
        c.put("engram.aws.bucket", "engram-bench");
        c.put("engram.queues.visibility-timeout", "120S");
        c.put("engram.queues.max-receive-count", "5");
        c.put("engram.queues.batch-size", "1");
        c.put("engram.local.runner.concurrency.chunks", "20");
        c.put("engram.local.runner.wait-time", "1S");
        c.put("quarkus.log.category.\"dev.engram.platform.queue\".level", "ERROR");
        return c;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeOpenAiResource.class));
    }
}
