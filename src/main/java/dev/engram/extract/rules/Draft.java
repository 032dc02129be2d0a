package dev.engram.extract.rules;

import dev.engram.extract.MemoryType;
import java.util.List;
import java.util.Map;

/**
 * A rule's proposal before arbitration, dedupe and tagging.
 *
 * @param type      the memory type
 * @param content   the cleaned statement
 * @param confidence calibrated by {@link Confidence}
 * @param metadata  typed details (snake_case keys)
 * @param start     start offset of the supporting text in the chunk
 * @param end       end offset (exclusive)
 * @param anchor    the sentence the proposal rests on (its index), or -1 for chunk-level memories
 * @param support   the sentences whose words suggest tags
 */
record Draft(MemoryType type, String content, double confidence, Map<String, Object> metadata, int start, int end,
        int anchor, List<Sentence> support) {

    /** Whitespace collapsed and trailing separators removed, the form every content takes. */
    static String tidy(String text) {
        return text.replaceAll("\\s+", " ").replaceAll("^[\\s,;:–—-]+|[\\s,;:–—-]+$", "").strip();
    }
}
