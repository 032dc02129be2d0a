package dev.engram.extract.llm;

import dev.engram.platform.provider.LazyClient;
import dev.engram.platform.provider.OpenAiClients;
import dev.langchain4j.model.chat.ChatModel;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.Supplier;

/**
 * The chat model behind {@link MemoryExtractionPrompt}: the OpenAI client of {@link OpenAiClients#jsonChat} (its own
 * retries off; the extension's {@code max-retries} cannot go below one retry), endpoint, key and model from
 * {@link LlmSettings}, built on first use.
 */
public class ExtractionModel implements Supplier<ChatModel> {

    private static final LazyClient<ChatModel> MODEL = new LazyClient<>(() -> {
        LlmSettings s = CDI.current().select(LlmSettings.class).get();
        return OpenAiClients.jsonChat(
                new OpenAiClients.Endpoint(s.baseUrl(), s.apiKey(), s.model(), s.clientTimeout()), s.temperature());
    });

    @Override
    public ChatModel get() {
        return MODEL.get();
    }
}
