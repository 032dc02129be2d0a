package dev.engram.extract;

import java.time.LocalDate;
import java.util.Map;

/**
 * A relationship an extractor found in a chunk: source and target by name and type, the sentence that states it
 * ({@code fact}), when it holds in the world ({@code validFrom}, {@code validTo}, either may be unknown), whether the
 * text denies or ends it ({@code closes}: "Alice left Acme"), how sure the extractor is, and where the fact is written.
 */
public record RelationCandidate(String source, EntityType sourceType, RelationType type, String target,
        EntityType targetType, String fact, LocalDate validFrom, LocalDate validTo, boolean closes, double confidence,
        Map<String, Object> attributes, int start, int end) {

    public RelationCandidate {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
