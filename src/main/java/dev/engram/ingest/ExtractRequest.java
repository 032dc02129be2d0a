package dev.engram.ingest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
@Schema(description = "Text to extract memories from", example = """
        {"text": "Meeting notes - Jan 15, 2024\\nRevenue up 15% compared to last quarter. Decided to expand to \
        European market in Q2. John will lead the expansion. Action item: Sarah to prepare market research by \
        Feb 1.", "source": "manual", "extract_types": ["all"], "async": false}""")
record ExtractRequest(
        @Schema(maxLength = 50_000, required = true) String text,
        @Schema(enumeration = {"manual", "file", "integration", "chat"}, defaultValue = "manual") String source,
        String sourceId,
        @Schema(description = "decision, task, insight, contact, date, topic, sentiment or all") List<String> extractTypes,
        @Schema(defaultValue = "false") Boolean autoSave,
        @Schema(defaultValue = "true") Boolean async,
        @Schema(format = "date", example = "2024-01-15") String referenceDate,
        @Schema(example = "Europe/Paris", defaultValue = "UTC") String timezone) {
}
