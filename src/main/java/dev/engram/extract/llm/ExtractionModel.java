package dev.engram.extract.llm;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.Supplier;

/**
 * The chat model behind {@link MemoryExtractionPrompt}: the OpenAI client with its own retries switched off (the
 * extension's {@code max-retries} cannot go below one retry, and hidden retries would bypass the rate limiter and
 * double every count), structured output by JSON schema, endpoint, key and model from {@link LlmSettings}.
 */
public class ExtractionModel implements Supplier<ChatModel> {

    private static volatile ChatModel model;

    @Override
    public ChatModel get() {
        ChatModel m = model;
        if (m == null) {
            synchronized (ExtractionModel.class) {
                if (model == null) {
                    model = build(CDI.current().select(LlmSettings.class).get());
                }
                m = model;
            }
        }
        return m;
    }

    private static ChatModel build(LlmSettings s) {
        return OpenAiChatModel.builder()
                .baseUrl(s.baseUrl())
                .apiKey(s.apiKey())
                .modelName(s.model())
                .temperature(s.temperature())
                .timeout(s.clientTimeout())
                .maxRetries(0)
                .responseFormat("json_schema")
                .strictJsonSchema(false)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .build();
    }
}
