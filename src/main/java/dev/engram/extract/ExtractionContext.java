package dev.engram.extract;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * What an extractor needs besides the text: which types to look for and how to anchor relative dates.
 *
 * @param types         the requested memory types (never empty)
 * @param referenceDate the date the text was written, when known; relative dates resolve against it, else against
 *                      a date found in the text, else today in {@code zone}
 * @param zone          the user's time zone
 */
public record ExtractionContext(Set<MemoryType> types, LocalDate referenceDate, ZoneId zone) {

    public ExtractionContext {
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("types must not be empty");
        }
        types = Set.copyOf(types);
        zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    public boolean wants(MemoryType type) {
        return types.contains(type);
    }
}
