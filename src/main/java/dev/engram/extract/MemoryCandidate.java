package dev.engram.extract;

import java.util.List;
import java.util.Map;

/**
 * One memory proposed by an extractor, before embedding, dedupe and review.
 *
 * @param content       the memory as a short self-contained sentence
 * @param type          its kind
 * @param confidence    calibrated confidence in 0..1
 * @param metadata      typed details: assignee, due_date (ISO), lead, timeline, metric, change, people, emails, ...
 * @param suggestedTags lower-case tags
 * @param sourceStart   character offset of the supporting text within the chunk (inclusive), or -1
 * @param sourceEnd     character offset of the supporting text within the chunk (exclusive), or -1
 */
public record MemoryCandidate(String content, MemoryType type, double confidence, Map<String, Object> metadata,
        List<String> suggestedTags, int sourceStart, int sourceEnd) {

    public MemoryCandidate {
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("content must not be blank");
        }
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        suggestedTags = suggestedTags == null ? List.of() : List.copyOf(suggestedTags);
    }
}
