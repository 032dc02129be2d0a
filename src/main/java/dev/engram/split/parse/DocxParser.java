package dev.engram.split.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xwpf.usermodel.XWPFAbstractFootnoteEndnote;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeaderFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * DOCX: the body in document order, split into one section per heading block (paragraph styles Title and
 * Heading 1..9 give the heading path); table rows become lines of cells joined by " | ". Headers, footers,
 * footnotes, endnotes and comments follow as their own sections, named by their heading path.
 */
final class DocxParser {

    private static final Pattern NOTE_REFERENCE = Pattern.compile("\\[(footnoteRef|endnoteRef):(\\d+)]");
    private static final Pattern HEADING = Pattern.compile("^heading\\s*([1-9])$");

    private DocxParser() {
    }

    static ParsedDocument parse(Path file, SectionCollector out, Deadline deadline)
            throws IOException, InvalidFormatException {
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try (XWPFDocument document = new XWPFDocument(pkg)) {
            headersAndFooters(document.getHeaderList(), "Header", out);
            body(document, out, deadline);
            headersAndFooters(document.getFooterList(), "Footer", out);
            notes(document.getFootnotes(), "Footnotes", out);
            notes(document.getEndnotes(), "Endnotes", out);
            comments(document.getComments(), out);
            return out.finish("docx", null);
        } finally {
            // READ access: revert never writes back to the file.
            pkg.revert();
        }
    }

    private static void body(XWPFDocument document, SectionCollector out, Deadline deadline) {
        Headings headings = new Headings();
        StringBuilder block = new StringBuilder();
        String blockPath = null;
        boolean previousWasListItem = false;
        for (IBodyElement element : document.getBodyElements()) {
            deadline.check();
            boolean listItem = false;
            if (element instanceof XWPFParagraph paragraph) {
                String text = TextNormalizer.tidy(paragraphText(paragraph));
                int level = headingLevel(paragraph, document.getStyles());
                if (level >= 0 && !text.isBlank()) {
                    out.add(block.toString(), null, blockPath);
                    block.setLength(0);
                    blockPath = headings.enter(level, TextNormalizer.oneLine(text));
                    appendBlock(block, Headings.line(level, text), false);
                    previousWasListItem = false;
                    continue;
                }
                String prefix = listPrefix(paragraph);
                listItem = prefix != null;
                if (!text.isBlank()) {
                    // Paragraphs are separated by a blank line; items of one list stay on consecutive lines.
                    appendBlock(block, (listItem ? prefix : "") + text, listItem && previousWasListItem);
                }
            } else if (element instanceof XWPFTable table) {
                appendBlock(block, table(table, deadline), false);
            } else if (element instanceof XWPFSDT sdt) {
                appendBlock(block, TextNormalizer.tidy(sdt.getContent().getText()), false);
            }
            previousWasListItem = listItem;
        }
        out.add(block.toString(), null, blockPath);
    }

    private static void appendBlock(StringBuilder block, String text, boolean sameBlock) {
        if (text.isBlank()) {
            return;
        }
        if (!block.isEmpty()) {
            block.append(sameBlock ? "\n" : "\n\n");
        }
        block.append(text);
    }

    /** The marker that keeps a list paragraph reading as a list item, or null when it is no list item. */
    private static String listPrefix(XWPFParagraph paragraph) {
        if (paragraph.getNumID() == null) {
            return null;
        }
        String format = paragraph.getNumFmt();
        return format == null || "bullet".equals(format) ? "- " : "";
    }

    private static String table(XWPFTable table, Deadline deadline) {
        StringBuilder rows = new StringBuilder();
        for (XWPFTableRow row : table.getRows()) {
            deadline.check();
            List<String> cells = new ArrayList<>();
            for (XWPFTableCell cell : row.getTableCells()) {
                cells.add(cellText(cell, deadline));
            }
            if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                appendLine(rows, String.join(" | ", cells));
            }
        }
        return rows.toString();
    }

    /** A cell on one line; a table nested in it gives its rows separated by "; ". */
    private static String cellText(XWPFTableCell cell, Deadline deadline) {
        List<String> parts = new ArrayList<>();
        for (IBodyElement element : cell.getBodyElements()) {
            if (element instanceof XWPFParagraph paragraph) {
                parts.add(paragraphText(paragraph));
            } else if (element instanceof XWPFTable nested) {
                parts.add(table(nested, deadline).replace("\n", "; "));
            } else if (element instanceof XWPFSDT sdt) {
                parts.add(sdt.getContent().getText());
            }
        }
        return TextNormalizer.oneLine(String.join(" ", parts));
    }

    /**
     * A paragraph's text with note references as "[1]" (footnotes) or "[endnote 1]"; the notes themselves come in
     * their own sections, so the note text POI appends to the paragraph is dropped.
     */
    static String paragraphText(XWPFParagraph paragraph) {
        String text = paragraph.getText();
        String notes = paragraph.getFootnoteText();
        if (notes != null && !notes.isEmpty() && text.endsWith(notes)) {
            text = text.substring(0, text.length() - notes.length());
        }
        return NOTE_REFERENCE.matcher(text).replaceAll(
                m -> m.group(1).equals("footnoteRef") ? "[" + m.group(2) + "]" : "[endnote " + m.group(2) + "]");
    }

    private static void headersAndFooters(List<? extends XWPFHeaderFooter> parts, String name, SectionCollector out) {
        // The first-page, even and default variants often repeat each other.
        Set<String> texts = new LinkedHashSet<>();
        for (XWPFHeaderFooter part : parts) {
            String text = TextNormalizer.tidy(part.getText());
            if (!text.isBlank()) {
                texts.add(text);
            }
        }
        out.add(String.join("\n", texts), null, name);
    }

    private static void notes(List<? extends XWPFAbstractFootnoteEndnote> notes, String name, SectionCollector out) {
        StringBuilder text = new StringBuilder();
        for (XWPFAbstractFootnoteEndnote note : notes) {
            StringBuilder body = new StringBuilder();
            for (XWPFParagraph paragraph : note.getParagraphs()) {
                appendLine(body, TextNormalizer.tidy(paragraphText(paragraph)));
            }
            if (!body.isEmpty()) {
                String marker = note.getId() == null ? "" : "[" + note.getId() + "] ";
                appendLine(text, marker + body.toString().strip());
            }
        }
        out.add(text.toString(), null, name);
    }

    private static void comments(XWPFComment[] comments, SectionCollector out) {
        StringBuilder text = new StringBuilder();
        for (XWPFComment comment : comments == null ? new XWPFComment[0] : comments) {
            String body = TextNormalizer.oneLine(comment.getText());
            if (!body.isEmpty()) {
                String author = comment.getAuthor() == null ? "" : comment.getAuthor().strip();
                appendLine(text, author.isEmpty() ? "Comment: " + body : "Comment by " + author + ": " + body);
            }
        }
        out.add(text.toString(), null, "Comments");
    }

    /** 0 for Title, 1..9 for Heading 1..9, -1 for anything else; by style id or, if localised, style name. */
    static int headingLevel(XWPFParagraph paragraph, XWPFStyles styles) {
        String id = paragraph.getStyleID();
        if (id == null) {
            return -1;
        }
        int level = levelOf(id);
        if (level < 0 && styles != null) {
            XWPFStyle style = styles.getStyle(id);
            if (style != null && style.getName() != null) {
                level = levelOf(style.getName());
            }
        }
        return level;
    }

    private static int levelOf(String styleName) {
        String name = styleName.strip().toLowerCase(Locale.ROOT);
        if (name.equals("title")) {
            return 0;
        }
        Matcher matcher = HEADING.matcher(name);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static void appendLine(StringBuilder text, String line) {
        if (line.isBlank()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(line);
    }

    /** The stack of open headings. */
    static final class Headings {

        /**
         * A heading as the section's first line, written as Markdown writes it ("## Scope"): the extractor reads
         * structure the same way from every format, and a heading is context, never a memory of its own.
         */
        static String line(int level, String text) {
            return "#".repeat(Math.max(1, level)) + " " + TextNormalizer.oneLine(text);
        }

        private final List<Integer> levels = new ArrayList<>();
        private final List<String> titles = new ArrayList<>();

        /** Opens a heading of the given level and returns the path down to it. */
        String enter(int level, String title) {
            while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                levels.remove(levels.size() - 1);
                titles.remove(titles.size() - 1);
            }
            levels.add(level);
            titles.add(title);
            return String.join(" > ", titles);
        }
    }
}
