package dev.engram.extract.llm;

import java.util.Map;

/** {@link OpenAiTestProfile} with the knowledge graph read by the {@code openai} graph provider too. */
public class OpenAiGraphTestProfile extends OpenAiTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> c = super.getConfigOverrides();
        c.put("engram.graph.provider", "openai");
        return c;
    }
}
