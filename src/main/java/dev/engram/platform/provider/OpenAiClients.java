package dev.engram.platform.provider;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import java.time.Duration;

/**
 * The one place Engram builds OpenAI-compatible clients. Each has the client's own retries switched off: SmallRye
 * Fault Tolerance retries around the call, paced by the adaptive limiter, and hidden retries inside the client would
 * bypass the pace and double every count.
 */
public final class OpenAiClients {

    /** Where a provider is and who Engram is to it. */
    public record Endpoint(String baseUrl, String apiKey, String model, Duration timeout) {
    }

    private OpenAiClients() {
    }

    /** A chat model answering with structured output by JSON schema (lenient schema, as providers differ). */
    public static ChatModel jsonChat(Endpoint endpoint, double temperature) {
        return OpenAiChatModel.builder()
                .baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey())
                .modelName(endpoint.model())
                .temperature(temperature)
                .timeout(endpoint.timeout())
                .maxRetries(0)
                .responseFormat("json_schema")
                .strictJsonSchema(false)
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .build();
    }

    /**
     * An embedding model sending up to {@code batchSize} texts per request; {@code dimensions} is sent only when not
     * null (models without shortening refuse the parameter).
     */
    public static EmbeddingModel embeddings(Endpoint endpoint, Integer dimensions, int batchSize) {
        return OpenAiEmbeddingModel.builder()
                .baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey())
                .modelName(endpoint.model())
                .dimensions(dimensions)
                .maxSegmentsPerBatch(batchSize)
                .timeout(endpoint.timeout())
                .maxRetries(0)
                .build();
    }
}
