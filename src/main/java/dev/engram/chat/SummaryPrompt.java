package dev.engram.chat;

import dev.engram.extract.llm.ExtractionModel;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The summary prompt of the {@code openai} summary provider: the previous version, the conversation's context and one
 * window of messages in, the next version out as JSON following {@link SummaryAnswer}. {@link OpenAiSummarizer} calls
 * it under the extraction calls' fault tolerance and pace.
 */
@RegisterAiService(chatLanguageModelSupplier = ExtractionModel.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
@ApplicationScoped
public interface SummaryPrompt {

    @SystemMessage("""
            You keep the running summary of a conversation between a user and their digital twin (an assistant).
            You get the previous summary (if any), what the conversation is about (if the client said), and the next
            window of messages, each as [seq N][USER] or [seq N][TWIN] followed by its text. Answer with the summary
            of the whole conversation so far: the previous summary with what the window adds, at most 1200
            characters, in plain sentences. Also a short title, the topics (most established first, at most 10),
            the decisions and commitments with the seq of the message that states each, and the user's questions
            with the answer the twin gave and the seq of the question. Cite only seqs of the window. Never invent
            what the messages do not say.""")
    @UserMessage("""
            {#if previous}
            Previous summary:
            {previous}
            {/if}
            {#if context}
            What the conversation is about: {context}
            {/if}
            {#if correction}
            Your previous answer was rejected: {correction}
            Answer again, following the schema exactly.
            {/if}
            Messages:
            ---
            {messages}
            ---""")
    SummaryAnswer summarize(String previous, String context, String messages, String correction);
}
