package dev.engram.profile;

import dev.engram.extract.llm.ExtractionModel;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The insight prompt of the {@code openai} insight provider: a user's own messages in, what they say about the user
 * out as JSON following {@link InsightAnswer}. {@link OpenAiTraitReader} calls it under the extraction calls' fault
 * tolerance and pace.
 */
@RegisterAiService(chatLanguageModelSupplier = ExtractionModel.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
@ApplicationScoped
public interface InsightPrompt {

    @SystemMessage("""
            You learn a person's profile from messages they wrote themselves, each given as [message ID]: text.
            Report only what a message says about its writer, stated by the writer in the first person: a
            preference, an interest, a skill, a relationship (my manager Dana) or a dislike. Nothing from
            questions, conditionals, or statements about other people. For each trait give: trait (its object in
            the writer's words), category (preference, interest, skill, relationship, dislike), subcategory
            (scheduling, communication, food, tools, work_style, other), confidence between 0 and 1 (lower when
            hedged: maybe, I think, sometimes), supporting_text (the exact words of the message, copied
            verbatim) and message_id (the ID of that message). Answer with an empty insights list when there are
            none.""")
    @UserMessage("""
            {#if correction}
            Your previous answer was rejected: {correction}
            Answer again, following the schema exactly.
            {/if}
            Messages:
            ---
            {messages}
            ---""")
    InsightAnswer read(String messages, String correction);
}
