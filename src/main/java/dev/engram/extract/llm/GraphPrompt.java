package dev.engram.extract.llm;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The graph prompt of the {@code openai} graph provider: one chunk in, its entities and relationships out as JSON
 * following {@link GraphAnswer}. {@link OpenAiGraphExtractor} calls it under the extraction calls' fault tolerance
 * and pace.
 */
@RegisterAiService(chatLanguageModelSupplier = ExtractionModel.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
@ApplicationScoped
public interface GraphPrompt {

    @SystemMessage("""
            You build a knowledge graph from one passage of a person's notes: the entities the passage names and the
            relationships it states between them. Entity types: person, organization, project, place, product,
            event. For each entity give its name exactly as the passage writes it, its type, the other names the
            passage uses for it (aliases: initials, a short form) and charStart, the offset of its first mention.
            Relationship types: works_at, reports_to, located_in, lives_in, member_of, manages, leads, part_of, owns,
            uses, attended, about, knows, related_to. For each relationship give source and target (names from your
            entities), the type, the fact (the passage's sentence that states it, copied exactly), validFrom and
            validTo (YYYY-MM-DD) only when the passage dates it, negated true when the passage says that it no longer
            holds or never did ("Alice left Acme"), and charStart, the offset of the fact. Only what the passage
            states; never invent. Answer empty lists when it names nothing.""")
    @UserMessage("""
            {#if documentDate}
            The notes are dated {documentDate}.
            {/if}
            {#if headings}
            Section: {headings}
            {/if}
            {#if correction}
            Your previous answer was rejected: {correction}
            Answer again, following the schema exactly.
            {/if}
            Passage:
            ---
            {text}
            ---""")
    GraphAnswer read(String text, String headings, String documentDate, String correction);

    @SystemMessage("""
            You keep a person's knowledge graph free of duplicates. Each numbered line gives two names of one type
            (person, organization, project, place, product or event) that the graph holds as two entities. Answer
            in "same" the numbers of the lines whose two names certainly name the same real-world thing (a short form,
            another spelling, a former name); leave out every line where they may be two different things, such as
            two companies of one group or two people of one family. Answer an empty list when none is certain.""")
    @UserMessage("""
            {#if correction}
            Your previous answer was rejected: {correction}
            Answer again, following the schema exactly.
            {/if}
            {pairs}""")
    SameEntityAnswer judge(String pairs, String correction);
}
