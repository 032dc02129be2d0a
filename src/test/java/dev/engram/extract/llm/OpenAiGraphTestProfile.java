package dev.engram.extract.llm;

import java.util.Map;

/**
 * {@link OpenAiTestProfile} with the knowledge graph read by the {@code openai} graph provider too, and timeouts long
 * enough that a busy machine never makes a transport retry repeat a request.
 */
public class OpenAiGraphTestProfile extends OpenAiTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = super.getConfigOverrides();
        c.put("engram.graph.provider", "openai");
        // No transport retry on a busy machine: the tests count the requests for a chunk's graph.
        c.put("quarkus.fault-tolerance.\"dev.engram.extract.llm.ExtractionCalls/ask\".timeout.value", "15000");
        c.put("engram.llm.client-timeout", "20s");
        return c;
    }
}
