package dev.engram.split.parse;

import dev.engram.split.TextSection;
import java.util.List;

/**
 * The text of a document, in reading order, with where each part came from.
 *
 * <p>Offset convention: the document's extracted text is its sections' texts joined by {@link #SEPARATOR}. A section's
 * {@code start} is its offset in that text, so each section starts at the previous start plus the previous text's
 * length plus {@code SEPARATOR.length()}. {@code totalChars} is the length of that joined text (0 when there are no
 * sections). A page range read with a start offset continues the offsets of the ranges before it; see
 * {@link #nextStart(int)}.
 *
 * @param format     what the content turned out to be: pdf, docx, doc, markdown or text
 * @param sections   the text with provenance, in document order; no section is blank
 * @param pageCount  the number of pages of the whole document (PDF only), or null
 * @param totalChars the length of the sections' texts joined by {@link #SEPARATOR}
 */
public record ParsedDocument(String format, List<TextSection> sections, Integer pageCount, int totalChars) {

    /** What stands between two sections in the document's extracted text. */
    public static final String SEPARATOR = "\n\n";

    public ParsedDocument {
        sections = List.copyOf(sections);
    }

    /** The sections' texts joined by {@link #SEPARATOR}. */
    public String text() {
        StringBuilder text = new StringBuilder(totalChars);
        for (TextSection section : sections) {
            if (!text.isEmpty()) {
                text.append(SEPARATOR);
            }
            text.append(section.text());
        }
        return text.toString();
    }

    /**
     * Where the first section of the next page range starts, when this range was read from {@code startOffset}.
     * An empty range leaves the offset where it was.
     */
    public int nextStart(int startOffset) {
        return sections.isEmpty() ? startOffset : startOffset + totalChars + SEPARATOR.length();
    }
}
