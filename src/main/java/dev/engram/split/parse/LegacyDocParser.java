package dev.engram.split.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.OldWordFileFormatException;
import org.apache.poi.hwpf.extractor.Word6Extractor;
import org.apache.poi.hwpf.extractor.WordExtractor;
import org.apache.poi.hwpf.model.StyleDescription;
import org.apache.poi.hwpf.model.StyleSheet;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Word 97-2003 (.doc): body paragraphs with the same heading blocks as DOCX, table rows as " | "-joined cells, then
 * headers, footers, footnotes, endnotes and comments. Word 6/95 files fall back to plain text.
 */
final class LegacyDocParser {

    private LegacyDocParser() {
    }

    static ParsedDocument parse(Path file, SectionCollector out, Deadline deadline) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            HWPFDocument document;
            try {
                document = new HWPFDocument(fs.getRoot());
            } catch (OldWordFileFormatException e) {
                try (Word6Extractor old = new Word6Extractor(fs)) {
                    out.add(TextNormalizer.tidy(old.getText()), null, null);
                    return out.finish("doc", null);
                }
            }
            try (WordExtractor extractor = new WordExtractor(document)) {
                addTrimmed(out, extractor.getHeaderText(), "Header");
                body(document, out, deadline);
                addTrimmed(out, extractor.getFooterText(), "Footer");
                addTrimmed(out, String.join("\n", extractor.getFootnoteText()), "Footnotes");
                addTrimmed(out, String.join("\n", extractor.getEndnoteText()), "Endnotes");
                List<String> comments = new ArrayList<>();
                for (String comment : extractor.getCommentsText()) {
                    String text = TextNormalizer.oneLine(Range.stripFields(comment));
                    if (!text.isEmpty()) {
                        comments.add("Comment: " + text);
                    }
                }
                out.add(String.join("\n", comments), null, "Comments");
            }
            return out.finish("doc", null);
        }
    }

    private static void body(HWPFDocument document, SectionCollector out, Deadline deadline) {
        Range range = document.getRange();
        StyleSheet styles = document.getStyleSheet();
        DocxParser.Headings headings = new DocxParser.Headings();
        StringBuilder block = new StringBuilder();
        String blockPath = null;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean previousWasRow = false;
        int count = range.numParagraphs();
        for (int i = 0; i < count; i++) {
            deadline.check();
            Paragraph paragraph = range.getParagraph(i);
            String raw = Range.stripFields(paragraph.text());
            if (paragraph.isInTable()) {
                // Cell text ends with the cell mark \u0007; the row-end paragraph closes the row.
                if (paragraph.isTableRowEnd()) {
                    if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                        append(block, String.join(" | ", cells), previousWasRow);
                        previousWasRow = true;
                    }
                    cells.clear();
                    cell.setLength(0);
                    continue;
                }
                cell.append(raw.replace("\u0007", "")).append(' ');
                if (raw.indexOf('\u0007') >= 0) {
                    cells.add(TextNormalizer.oneLine(cell.toString()));
                    cell.setLength(0);
                }
                continue;
            }
            previousWasRow = false;
            String text = TextNormalizer.tidy(raw);
            if (text.isBlank()) {
                continue;
            }
            int level = headingLevel(styles, paragraph.getStyleIndex());
            if (level >= 0) {
                out.add(block.toString(), null, blockPath);
                block.setLength(0);
                blockPath = headings.enter(level, TextNormalizer.oneLine(text));
                append(block, DocxParser.Headings.line(level, text), false);
                continue;
            }
            append(block, text, false);
        }
        out.add(block.toString(), null, blockPath);
    }

    private static int headingLevel(StyleSheet styles, short index) {
        if (styles == null) {
            return -1;
        }
        StyleDescription style = styles.getStyleDescription(index);
        if (style == null || style.getName() == null) {
            return -1;
        }
        String name = style.getName().strip().toLowerCase(Locale.ROOT);
        if (name.equals("title")) {
            return 0;
        }
        if (name.matches("heading\\s*[1-9]")) {
            return name.charAt(name.length() - 1) - '0';
        }
        return -1;
    }

    private static void addTrimmed(SectionCollector out, String text, String name) {
        out.add(text == null ? null : TextNormalizer.tidy(Range.stripFields(text)), null, name);
    }

    private static void append(StringBuilder block, String text, boolean sameBlock) {
        if (!block.isEmpty()) {
            block.append(sameBlock ? "\n" : "\n\n");
        }
        block.append(text);
    }
}
