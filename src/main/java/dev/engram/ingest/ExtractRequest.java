package dev.engram.ingest;

import java.util.List;

/**
 * Body of {@code POST /api/v1/memories/extract}.
 *
 * @param text          the text to extract from (at most 50,000 characters)
 * @param source        manual | file | integration | chat (default manual)
 * @param sourceId      the caller's reference for the text
 * @param extractTypes  decision, task, insight, contact, date, topic, sentiment or all (default all)
 * @param autoSave      save without review (default false)
 * @param async         answer 202 at once and extract in the background (default true)
 * @param referenceDate ISO date the text was written; relative dates resolve against it
 * @param timezone      IANA zone for relative dates (default UTC)
 */
public record ExtractRequest(String text, String source, String sourceId, List<String> extractTypes,
        Boolean autoSave, Boolean async, String referenceDate, String timezone) {
}
