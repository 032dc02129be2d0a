package dev.engram.split.parse;

import dev.engram.split.TextSection;
import java.util.ArrayList;
import java.util.List;

/** Assigns offsets to sections as they are found (see {@link ParsedDocument}) and enforces the text limit. */
final class SectionCollector {

    private final List<TextSection> sections = new ArrayList<>();
    private final int firstStart;
    private final int maxChars;
    private final Deadline deadline;
    private int totalChars;

    SectionCollector(int firstStart, int maxChars, Deadline deadline) {
        if (firstStart < 0) {
            throw new IllegalArgumentException("start offset must not be negative");
        }
        this.firstStart = firstStart;
        this.maxChars = maxChars;
        this.deadline = deadline;
    }

    /** Adds a section unless its text is blank. */
    void add(String text, Integer page, String headingPath) {
        deadline.check();
        if (text == null || text.isBlank()) {
            return;
        }
        int separator = sections.isEmpty() ? 0 : ParsedDocument.SEPARATOR.length();
        long total = (long) totalChars + separator + text.length();
        if (total > maxChars) {
            throw tooMuchText(maxChars);
        }
        sections.add(new TextSection(text, firstStart + totalChars + separator, page, headingPath));
        totalChars = (int) total;
    }

    static UnreadableDocumentException tooMuchText(int maxChars) {
        return new UnreadableDocumentException(UnreadableDocumentException.Reason.TOO_LARGE,
                "the document has more than " + maxChars + " characters of text; split it into smaller files");
    }

    boolean isEmpty() {
        return sections.isEmpty();
    }

    int totalChars() {
        return totalChars;
    }

    ParsedDocument finish(String format, Integer pageCount) {
        return new ParsedDocument(format, sections, pageCount, totalChars);
    }
}
