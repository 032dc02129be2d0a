package dev.engram.extract.llm;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The extraction prompt: one request per chunk covering every requested type, answered as JSON that follows the
 * schema of {@link ExtractionAnswer}. Fault tolerance wraps it in {@link ExtractionCalls}, which also paces it.
 */
@RegisterAiService(chatLanguageModelSupplier = ExtractionModel.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
@ApplicationScoped
public interface MemoryExtractionPrompt {

    @SystemMessage("""
            You extract memories from workplace text: notes, messages, documents. A memory is one fact worth
            remembering, written as a short self-contained sentence that names who and what, so it can be read alone.
            Memory types:
            - decision: something decided; set lead and timeline when stated.
            - task: an action someone must take; set assignee and deadline (YYYY-MM-DD) when stated.
            - insight: a finding or a metric; set metric with change or value.
            - contact: a person with details; set name, role, organization, emails, phone.
            - date: a dated event; set date (YYYY-MM-DD) and event.
            - topic: a subject the text is about; set topic.
            - sentiment: the overall mood about a subject; set sentiment.
            Resolve relative dates (tomorrow, next Friday, by Feb 1) against the reference date and write them as
            YYYY-MM-DD. Give each memory a confidence between 0 and 1. Copy the exact supporting words into evidence.
            Extract only the requested types, never invent facts, and answer with an empty memories list when the
            text holds none. Notes have an outline: headings are context, not topics; a short verdict nested under
            an item ("Approved", "Accepted, targeting 2.0") is a decision about that item, and a table row reads with
            its header row.""")
    @UserMessage("""
            Requested types: {types}
            Reference date: {referenceDate}
            {#if section}
            Section of the document: {section}
            {/if}
            {#if people}
            People present (from the document's attendee list): {people}
            {/if}
            {#if correction}
            Your previous answer was rejected: {correction}
            Answer again, following the schema exactly.
            {/if}
            Text:
            ---
            {text}
            ---""")
    ExtractionAnswer extract(String types, String referenceDate, String section, String people, String text,
            String correction);
}
