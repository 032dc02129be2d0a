package dev.engram.extract;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * What an extractor needs besides the text: which types to look for and how to anchor relative dates.
 *
 * @param types         the requested memory types (never empty)
 * @param referenceDate the date the text was written, when known; relative dates resolve against it, else against
 *                      a date found in the text, else today in {@code zone}
 * @param zone          the user's time zone
 * @param headingPath   the document's headings above the text's start, outermost first (empty when the text starts
 *                      a document or has none): a chunk cut from the middle of a section still knows its section
 * @param people        the people the whole document lists as present ({@link Roster}); empty when unknown
 * @param spokenBefore  lines naming who speaks in the text's section before the text (a chunk cut from a transcript)
 */
public record ExtractionContext(Set<MemoryType> types, LocalDate referenceDate, ZoneId zone, List<String> headingPath,
        List<String> people, int spokenBefore) {

    public ExtractionContext {
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("types must not be empty");
        }
        types = Set.copyOf(types);
        zone = zone == null ? ZoneId.of("UTC") : zone;
        headingPath = headingPath == null ? List.of() : List.copyOf(headingPath);
        people = people == null ? List.of() : List.copyOf(people);
        spokenBefore = Math.max(0, spokenBefore);
    }

    public ExtractionContext(Set<MemoryType> types, LocalDate referenceDate, ZoneId zone, List<String> headingPath,
            List<String> people) {
        this(types, referenceDate, zone, headingPath, people, 0);
    }

    public ExtractionContext(Set<MemoryType> types, LocalDate referenceDate, ZoneId zone, List<String> headingPath) {
        this(types, referenceDate, zone, headingPath, List.of());
    }

    public ExtractionContext(Set<MemoryType> types, LocalDate referenceDate, ZoneId zone) {
        this(types, referenceDate, zone, List.of());
    }

    /** This context for a chunk under {@code trail}, a heading path as the split stage writes it ("A > B"), or null. */
    public ExtractionContext under(String trail) {
        if (trail == null || trail.isBlank()) {
            return this;
        }
        return new ExtractionContext(types, referenceDate, zone, List.of(trail.split(" > ")), people, spokenBefore);
    }

    /** This context for a chunk of a document that lists {@code roster} as present. */
    public ExtractionContext knowing(List<String> roster) {
        if (roster == null || roster.isEmpty() || roster.equals(people)) {
            return this;
        }
        return new ExtractionContext(types, referenceDate, zone, headingPath, roster, spokenBefore);
    }

    /** This context for a text that follows {@code spoken} lines naming who speaks in its section. */
    public ExtractionContext after(int spoken) {
        if (spoken == spokenBefore) {
            return this;
        }
        return new ExtractionContext(types, referenceDate, zone, headingPath, people, spoken);
    }

    public boolean wants(MemoryType type) {
        return types.contains(type);
    }
}
