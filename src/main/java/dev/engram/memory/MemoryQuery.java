package dev.engram.memory;

import dev.engram.extract.MemoryType;
import dev.engram.platform.errors.Invalid;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Filters and a keyset cursor for listing memories (newest first).
 *
 * @param type          memory type, or null
 * @param tag           a tag the memory carries, or null
 * @param source        the source kind, or null
 * @param createdAfter  lower bound of created_at, or null
 * @param createdBefore upper bound of created_at, or null
 * @param limit         page size
 * @param after         position after which the page starts, or null for the first page
 */
record MemoryQuery(String type, String tag, String source, OffsetDateTime createdAfter,
        OffsetDateTime createdBefore, int limit, Position after) {

    /** A (created_at, id) keyset position. */
    public record Position(OffsetDateTime createdAt, UUID id) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static MemoryQuery parse(String type, String tag, String source, String createdAfter,
            String createdBefore, int limit, String cursor) {
        List<String> errors = new ArrayList<>();
        String t = null;
        if (type != null && type.trim().equalsIgnoreCase(SummaryMemories.TYPE)) {
            // Summaries are saved memories too, though no extraction proposes them.
            t = SummaryMemories.TYPE;
        } else if (type != null) {
            try {
                t = MemoryType.fromWire(type).wireName();
            } catch (IllegalArgumentException e) {
                errors.add("type: " + e.getMessage() + " (or summary)");
            }
        }
        if (limit < 1 || limit > 100) {
            errors.add("limit: must be between 1 and 100");
        }
        OffsetDateTime after = time("created_after", createdAfter, errors);
        OffsetDateTime before = time("created_before", createdBefore, errors);
        Position position = null;
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                        .split("\\|", 2);
                position = new Position(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                errors.add("cursor: not a cursor this API returned");
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new MemoryQuery(t, tag, source, after, before, limit, position);
    }

    private static OffsetDateTime time(String name, String value, List<String> errors) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeException e) {
            errors.add(name + ": must be an ISO date-time such as 2024-01-15T00:00:00Z");
            return null;
        }
    }
}
