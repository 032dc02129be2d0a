package dev.engram.extract.llm;

/**
 * The variables of one extraction prompt.
 *
 * @param types         the requested memory types, comma separated
 * @param referenceDate the date relative dates resolve against (ISO)
 * @param section       the document's headings above the chunk ("Topics > Release"), or null
 * @param people        the people the document lists as present ("Kate Stewart, Artem Tanriverdiev"), or null
 * @param text          the chunk
 * @param correction    why the previous answer was rejected, or null on the first attempt
 */
public record ExtractionRequest(String types, String referenceDate, String section, String people, String text,
        String correction) {
}
