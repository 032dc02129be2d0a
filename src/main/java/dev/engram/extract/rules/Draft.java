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

    /** Emphasis around the whole statement: "***close #172 as addressed by #204***". */
    private static final java.util.regex.Pattern WRAPPED = java.util.regex.Pattern.compile("^([*_]{1,3})(?![*_\\s])(.+?)(?<![*_\\s])\\1$");

    /** Whitespace collapsed, emphasis around the whole and trailing separators removed, the form every content takes. */
    static String tidy(String text) {
        String t = text.replaceAll("\\s+", " ").replaceAll("^[\\s,;:–—-]+|[\\s,;:–—-]+$", "").strip();
        java.util.regex.Matcher wrapped = WRAPPED.matcher(t);
        return wrapped.matches() && !wrapped.group(2).contains(wrapped.group(1)) ? wrapped.group(2).strip() : t;
    }
}
