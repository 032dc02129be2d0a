package dev.engram.split.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown: one section per heading block (the heading line and the text up to the next heading), with the path of
 * headings above it. The text is kept as written, markers included (list markers tell the extractor about tasks);
 * headings inside fenced code blocks are not headings.
 */
final class MarkdownParser {

    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(={2,}|-{2,})[ \\t]*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^[ \\t]{0,3}(?:[-*+]|\\d{1,9}[.)])[ \\t]+\\S.*$");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]\\n]+\\]\\([^)\\s]+\\)");
    private static final Pattern NOT_PARAGRAPH = Pattern.compile("^ {0,3}(?:[-*+>|#]|\\d{1,9}[.)]).*$");

    /** Longer "# ..." lines are comments in some other notation, not headings, when guessing the format. */
    private static final int MAX_HEADING_CHARS = 100;

    /**
     * Lines longer than this are paragraphs, never headings or links; it also keeps the patterns' backtracking
     * bounded on crafted input.
     */
    private static final int MAX_SYNTAX_LINE_CHARS = 1000;

    private MarkdownParser() {
    }

    /** Whether plain text has Markdown structure: a heading plus at least one more heading, list, fence or link. */
    static boolean looksLikeMarkdown(String text) {
        int headings = 0;
        int others = 0;
        int lineCount = 0;
        boolean inFence = false;
        for (String line : text.split("\n", 5000)) {
            if (++lineCount >= 5000) {
                break;
            }
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                others++;
            } else if (inFence || line.length() > MAX_SYNTAX_LINE_CHARS) {
                continue;
            } else if (ATX.matcher(line).matches() && line.strip().length() > 2
                    && line.length() <= MAX_HEADING_CHARS) {
                headings++;
            } else if (LIST_ITEM.matcher(line).matches() || LINK.matcher(line).find()) {
                others++;
            }
        }
        return headings >= 2 || headings >= 1 && others >= 1;
    }

    static ParsedDocument parse(String decoded, SectionCollector out) {
        String[] lines = TextNormalizer.lines(decoded).split("\n", -1);
        int first = frontMatterEnd(lines);
        List<String> titles = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        String blockPath = null;
        String fence = null;
        for (int i = first; i < lines.length; i++) {
            String line = lines[i];
            if (fence != null) {
                append(block, line);
                if (line.strip().startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            Matcher fenceStart = FENCE.matcher(line);
            if (fenceStart.matches()) {
                fence = fenceStart.group(1);
                append(block, line);
                continue;
            }
            Matcher atx = ATX.matcher(line.length() > MAX_SYNTAX_LINE_CHARS ? "" : line);
            String title = null;
            int level = 0;
            int headingLines = 1;
            if (atx.matches()) {
                level = atx.group(1).length();
                title = atx.group(2) == null ? "" : atx.group(2);
            } else if (i + 1 < lines.length && isSetextText(line, i == 0 ? "" : lines[i - 1])) {
                Matcher underline = SETEXT.matcher(lines[i + 1]);
                if (underline.matches()) {
                    level = underline.group(1).charAt(0) == '=' ? 1 : 2;
                    title = line.strip();
                    headingLines = 2;
                }
            }
            if (title == null) {
                append(block, line);
                continue;
            }
            out.add(PlainTextParser.trimBlankLines(block.toString()), null, blockPath);
            block.setLength(0);
            while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                levels.remove(levels.size() - 1);
                titles.remove(titles.size() - 1);
            }
            String clean = cleanTitle(title);
            if (!clean.isEmpty()) {
                levels.add(level);
                titles.add(clean);
            }
            blockPath = titles.isEmpty() ? null : String.join(" > ", titles);
            for (int k = 0; k < headingLines; k++) {
                append(block, lines[i + k]);
            }
            i += headingLines - 1;
        }
        out.add(PlainTextParser.trimBlankLines(block.toString()), null, blockPath);
        return out.finish("markdown", null);
    }

    /**
     * The index of the first line after a YAML front matter block ("---", "title: ...", "tags: triage-meeting", "---"),
     * as HackMD, Jekyll and Hugo notes open; 0 without one. It describes the file rather than saying anything, so it is
     * left out of the text: its closing "---" would otherwise underline its last line into a heading, and
     * "tags: triage-meeting" read as a statement of the notes.
     */
    static int frontMatterEnd(String[] lines) {
        if (lines.length < 3 || !lines[0].strip().equals("---")) {
            return 0;
        }
        boolean entries = false;
        for (int i = 1; i < Math.min(lines.length, MAX_FRONT_MATTER_LINES); i++) {
            String line = lines[i];
            if (line.equals("---") || line.equals("...")) {
                return entries ? i + 1 : 0;
            }
            if (YAML_ENTRY.matcher(line).matches()) {
                entries = true;
            } else if (!line.isBlank() && !YAML_CONTINUATION.matcher(line).matches()) {
                return 0;
            }
        }
        return 0;
    }

    private static final Pattern YAML_ENTRY = Pattern.compile("^[A-Za-z_][\\w.-]{0,60}:(?:[ \t].*)?$");
    private static final Pattern YAML_CONTINUATION = Pattern.compile("^(?:[ \t]+\\S.*|-[ \t].*|#.*)$");
    private static final int MAX_FRONT_MATTER_LINES = 200;

    private static boolean isSetextText(String line, String previous) {
        return !line.isBlank() && previous.isBlank() && !NOT_PARAGRAPH.matcher(line).matches()
                && !line.startsWith("    ") && !line.startsWith("\t");
    }

    /** Heading text without emphasis and code markers around it. */
    private static String cleanTitle(String title) {
        return title.strip().replaceAll("^[*_`]+|[*_`]+$", "").strip();
    }

    private static void append(StringBuilder block, String line) {
        if (!block.isEmpty()) {
            block.append('\n');
        }
        block.append(line);
    }
}
