package dev.engram.extract.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.util.Span;

/**
 * Cuts a chunk into sentences that keep their source offsets.
 *
 * <p>Notes are rarely prose: a line break, a bullet or a checkbox ends a statement even without a full stop, so
 * lines are grouped into blocks first (a line continues the previous one only when that one had no closing
 * punctuation and this one starts in lower case) and OpenNLP splits sentences within a block. OpenNLP's model
 * misses some boundaries after numbers ("by Feb 1. Then ..."), so a second pass splits at a full stop followed by
 * a capital unless the word before it is a known abbreviation.
 */
final class TextSegmenter {

    /**
     * Longer runs are not sentences (pasted logs, tables, minified text); cutting them keeps the tagger and the rule
     * patterns linear in the input.
     */
    static final int MAX_SENTENCE = 600;
    private static final Pattern FENCE_WITH_LANGUAGE = Pattern.compile("\\s{0,3}(?:[-*+]\\s+|>\\s*)?(?:```|~~~)\\s*[\\w+#-]");
    /** A line that reads as prose: four words in a row, not ending as code lines do. */
    private static final Pattern PROSE = Pattern.compile("\\p{L}{2,}(?:[ ,]+\\p{L}+){3}.*[^{}();,\\[\\s]\\s*$");
    private static final Pattern FENCE = Pattern.compile("\\s{0,3}(?:[-*+]\\s+|>\\s*)?(?:```|~~~)");
    private static final Pattern LINE = Pattern.compile("[^\\r\\n]*(?:\\r\\n|\\r|\\n|$)");
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])[\"')\\]]?\\s+(?=[\"“(\\[]?[A-Z@])");
    private static final Pattern WORD_BEFORE = Pattern.compile("([A-Za-z.]+)\\.$");
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "inc", "ltd",
            "co", "corp", "vs", "etc", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
            "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "approx",
            "no", "jr", "sr", "u.s", "a.m", "p.m", "dept", "est", "fig", "ext", "tel");
    private static final Pattern LABEL = Pattern.compile("^[^.!?]{1,60}:$");
    private static final Pattern SUBJECT = Pattern.compile("^(?i:subject|re|topic|title):\\s*");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\s*(?:>\\s*)*\\|?\\s*:?-{2,}:?\\s*(?:\\|\\s*:?-{2,}:?\\s*)*\\|?\\s*$");
    private static final Pattern INLINE_UNIT = Pattern.compile("\\[[^\\]]{1,300}\\]\\([^)\\s]{0,500}\\)|`[^`]{1,200}`");
    private static final Pattern HAS_WORD = Pattern.compile("[\\p{L}\\p{N}]");
    /** A line of HTML tags and nothing else: "<br>", "<details>", "</ul>", "<hr/>". */
    private static final Pattern HTML_TAGS_ONLY = Pattern.compile("\\s*(?:</?[A-Za-z][\\w-]*(?:\\s[^<>]*)?/?>\\s*)+");

    private final NlpSession nlp;

    TextSegmenter(NlpSession nlp) {
        this.nlp = nlp;
    }

    /** The sentences of {@code text}, in order. */
    List<Sentence> segment(String text) {
        return segment(text, List.of());
    }

    /**
     * The sentences of {@code text}, in order, each with its place in the outline.
     *
     * @param headingPath the headings above the text's start (a chunk cut from a longer document), outermost first
     */
    List<Sentence> segment(String text, List<String> headingPath) {
        List<Sentence> out = new ArrayList<>();
        Outline outline = new Outline(headingPath);
        Block block = null;
        String speakerFromHeader = null;
        String section = headingPath.isEmpty() ? null : Outline.sectionKey(headingPath.get(headingPath.size() - 1));
        boolean afterBlank = true;
        boolean seenContent = false;
        Set<Integer> code = codeLines(text);
        Matcher lines = LINE.matcher(text);
        while (lines.find() && lines.start() < text.length()) {
            int lineStart = lines.start();
            String line = stripEol(lines.group());
            // A fenced code block is code, not what anyone said or agreed: no sentences from it.
            if (code.contains(lineStart)) {
                block = flush(block, text, out);
                continue;
            }
            // HTML tags on a line of their own ("<br>", "<details>", "</ul>") are markup: they separate as a blank
            // line does, and say nothing.
            if (line.isBlank() || HTML_TAGS_ONLY.matcher(line).matches()) {
                block = flush(block, text, out);
                afterBlank = true;
                continue;
            }
            LineMarkup markup = LineMarkup.of(line);
            if (markup.speakerHeader()) {
                block = flush(block, text, out);
                speakerFromHeader = markup.speaker();
                continue;
            }
            if (markup.kind() == LineKind.TABLE_ROW && TABLE_SEPARATOR.matcher(nextLine(text, lines.end())).matches()) {
                block = flush(block, text, out);
                outline.tableHeader(line.substring(markup.contentOffset()));
                continue;
            }
            String content = line.substring(markup.contentOffset());
            int lead = content.length() - content.stripLeading().length();
            int contentStart = lineStart + markup.contentOffset() + lead;
            content = content.strip();
            if (content.isEmpty() || !HAS_WORD.matcher(content).find()) {
                continue;
            }
            LineKind kind = markup.kind();
            Matcher subject = SUBJECT.matcher(content);
            if (kind == LineKind.PLAIN && subject.lookingAt()) {
                contentStart += subject.end();
                content = content.substring(subject.end());
                kind = LineKind.HEADING;
            } else if (kind == LineKind.PLAIN && looksLikeHeading(content, seenContent, text, lines.end())) {
                kind = LineKind.HEADING;
            }
            String speaker = markup.speaker() != null ? markup.speaker() : speakerFromHeader;
            if (kind == LineKind.PLAIN && afterBlank && markup.headingLevel() == 0 && !markup.quoted()
                    && markup.indent() == 0 && !outline.underHeading()) {
                section = null;
            }
            if (block != null && continues(block, kind, content, text, markup)) {
                block.end = contentStart + content.length();
            } else {
                block = flush(block, text, out);
                Place place = kind == LineKind.HEADING ? outline.place() : outline.enter(kind, markup, content);
                block = new Block(contentStart, contentStart + content.length(), kind, speaker,
                        kind == LineKind.HEADING ? null : section, place);
            }
            if (kind == LineKind.HEADING) {
                section = Outline.sectionKey(content);
                block = flush(block, text, out);
                outline.heading(markup.headingLevel(), content);
            }
            afterBlank = false;
            seenContent = true;
        }
        flush(block, text, out);
        return out;
    }

    /**
     * The line starts of the text that lie in fenced code blocks (``` or ~~~), fences included. A chunk cut from a
     * longer document can start or end inside a block, so a fence may close a block opened before the text: of the two
     * ways to pair the fences (the text starts outside code, or inside), the one taken hides fewer lines that read as
     * prose, and never lets a fence with a language ("```rust") close a block.
     */
    static Set<Integer> codeLines(String text) {
        List<int[]> lines = new ArrayList<>();
        List<Integer> fences = new ArrayList<>();
        Matcher m = LINE.matcher(text);
        while (m.find() && m.start() < text.length()) {
            if (FENCE.matcher(m.group()).lookingAt()) {
                fences.add(lines.size());
            }
            lines.add(new int[] {m.start(), m.end()});
        }
        if (fences.isEmpty()) {
            return Set.of();
        }
        // Segment i runs from fence i-1 (exclusive) to fence i (exclusive); segment 0 precedes the first fence.
        double[] cost = new double[2];
        for (int i = 0; i <= fences.size(); i++) {
            int from = i == 0 ? 0 : fences.get(i - 1) + 1;
            int to = i == fences.size() ? lines.size() : fences.get(i);
            int prose = 0;
            for (int l = from; l < to; l++) {
                prose += PROSE.matcher(text.substring(lines.get(l)[0], lines.get(l)[1])).find() ? 1 : 0;
            }
            boolean tagged = i > 0 && FENCE_WITH_LANGUAGE.matcher(line(text, lines.get(fences.get(i - 1)))).lookingAt();
            for (int start = 0; start < 2; start++) {
                boolean code = i % 2 != start;
                cost[start] += code ? prose : tagged ? 1000 : 0;
            }
        }
        int start = cost[1] < cost[0] ? 1 : 0;
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i <= fences.size(); i++) {
            int from = i == 0 ? 0 : fences.get(i - 1);
            int to = i == fences.size() ? lines.size() : fences.get(i) + 1;
            if (i % 2 != start) {
                for (int l = from; l < to; l++) {
                    out.add(lines.get(l)[0]);
                }
            }
        }
        fences.forEach(f -> out.add(lines.get(f)[0]));
        return out;
    }

    private static String line(String text, int[] span) {
        return text.substring(span[0], span[1]);
    }

    private static String stripEol(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static boolean looksLikeHeading(String content, boolean seenContent, String text, int nextLine) {
        if (LABEL.matcher(content).matches()) {
            return true;
        }
        boolean shortTitle = content.split("\\s+").length <= 10 && content.length() <= 80
                && !content.matches(".*[.!?;,]$") && Character.isUpperCase(content.codePointAt(0));
        int next = nextLine;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        boolean moreFollows = next < text.length() && !Character.isLowerCase(text.codePointAt(next));
        return shortTitle && !seenContent && moreFollows;
    }

    private static String nextLine(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(from, end);
    }

    private static boolean continues(Block block, LineKind kind, String content, String text, LineMarkup markup) {
        if (block.kind == LineKind.HEADING || block.kind == LineKind.TABLE_ROW || kind != LineKind.PLAIN
                || markup.quoted() != block.place.quoted() || markup.contentOffset() != 0 && !markup.quoted()) {
            return false;
        }
        char last = text.charAt(block.end - 1);
        return Character.isLowerCase(content.codePointAt(0)) && ".!?:".indexOf(last) < 0;
    }

    private Block flush(Block block, String text, List<Sentence> out) {
        if (block == null) {
            return null;
        }
        String blockText = text.substring(block.start, block.end).replace('\r', ' ').replace('\n', ' ');
        if (block.kind == LineKind.HEADING) {
            add(out, blockText, 0, blockText.length(), block);
            return null;
        }
        // Sentence ends as OpenNLP and the boundary pass find them, except inside a Markdown link or inline code
        // ("[feat: add window.setVibrancy on Linux](...)", "`a.b()`"): a statement is never cut there.
        List<int[]> pieces = new ArrayList<>();
        for (Span span : nlp.sentenceSpans(blockText)) {
            int from = span.getStart();
            Matcher boundary = BOUNDARY.matcher(blockText).region(from, span.getEnd());
            while (boundary.find()) {
                if (!isAbbreviation(blockText.substring(from, boundary.start()))) {
                    pieces.add(new int[] {from, boundary.start()});
                    from = boundary.end();
                }
            }
            pieces.add(new int[] {from, span.getEnd()});
        }
        List<int[]> protectedSpans = new ArrayList<>();
        Matcher inline = INLINE_UNIT.matcher(blockText);
        while (inline.find()) {
            protectedSpans.add(new int[] {inline.start(), inline.end()});
        }
        int[] current = null;
        for (int[] piece : pieces) {
            if (current != null && (inside(protectedSpans, current[1], piece[0])
                    || joined(blockText.substring(current[0], current[1]), blockText.substring(piece[0], piece[1])))) {
                current[1] = piece[1];
                continue;
            }
            if (current != null) {
                add(out, blockText, current[0], current[1], block);
            }
            current = piece.clone();
        }
        if (current != null) {
            add(out, blockText, current[0], current[1], block);
        }
        return null;
    }

    /** A name's middle initial ending a piece: "***David I." before "Lehn to update the playground". */
    private static final Pattern MIDDLE_INITIAL = Pattern.compile("(?:^|[\\s*_])\\p{Lu}\\p{Ll}+\\s+\\p{Lu}\\.$");
    private static final Pattern NAME_WORD = Pattern.compile("^\\p{Lu}\\p{Ll}+\\b");
    private static final Set<String> OPENERS = Set.of("We", "The", "This", "That", "These", "Those", "It", "They",
            "He", "She", "There", "So", "And", "But", "If", "In", "On", "At", "For", "As", "An", "No", "Yes", "Then",
            "What", "When", "Why", "How", "Who", "Our", "My", "You", "Also", "Not");
    /** A closing parenthesis standing alone, as minutes name an owner: "... elements. (Gregg Kellogg)***". */
    private static final Pattern CLOSING_ASIDE = Pattern.compile("^\\(\\s*[^()]{1,60}\\)[*_.!\\s]*$");

    /**
     * True when OpenNLP's cut between {@code before} and {@code after} splits one statement: after a name's middle
     * initial ("David I. Lehn to ..."), or before an aside that only names who owns it ("Create the issue. (Gregg
     * Kellogg)").
     */
    private static boolean joined(String before, String after) {
        String next = after.strip();
        if (CLOSING_ASIDE.matcher(next).matches()) {
            return true;
        }
        Matcher name = NAME_WORD.matcher(next);
        return MIDDLE_INITIAL.matcher(before.strip()).find() && name.find() && !OPENERS.contains(name.group());
    }

    /** True when a cut between {@code end} and {@code start} would fall inside one of {@code spans}. */
    private static boolean inside(List<int[]> spans, int end, int start) {
        for (int[] span : spans) {
            if (span[0] < end && start < span[1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAbbreviation(String before) {
        Matcher m = WORD_BEFORE.matcher(before);
        if (!m.find()) {
            return false;
        }
        String word = m.group(1).toLowerCase(Locale.ROOT);
        return word.length() == 1 || ABBREVIATIONS.contains(word);
    }

    private void add(List<Sentence> out, String blockText, int from, int to, Block block) {
        while (to - from > MAX_SENTENCE) {
            int cut = blockText.lastIndexOf(' ', from + MAX_SENTENCE);
            cut = cut > from ? cut : from + MAX_SENTENCE;
            addPiece(out, blockText, from, cut, block);
            from = cut;
        }
        addPiece(out, blockText, from, to, block);
    }

    private void addPiece(List<Sentence> out, String blockText, int from, int to, Block block) {
        String raw = blockText.substring(from, to);
        String trimmed = raw.strip();
        if (trimmed.isEmpty() || !HAS_WORD.matcher(trimmed).find()) {
            return;
        }
        int start = block.start + from + raw.indexOf(trimmed);
        Span[] spans = nlp.tokenSpans(trimmed);
        String[] tokens = new String[spans.length];
        int[] starts = new int[spans.length];
        for (int i = 0; i < spans.length; i++) {
            tokens[i] = spans[i].getCoveredText(trimmed).toString();
            starts[i] = spans[i].getStart();
        }
        out.add(new Sentence(out.size(), trimmed, start, block.kind, block.speaker, block.section, block.place, tokens,
                starts, nlp::tag));
    }

    /** Lines grouped into one statement before sentence detection. */
    private static final class Block {
        final int start;
        int end;
        final LineKind kind;
        final String speaker;
        final String section;
        final Place place;

        Block(int start, int end, LineKind kind, String speaker, String section, Place place) {
            this.start = start;
            this.end = end;
            this.kind = kind;
            this.speaker = speaker;
            this.section = section;
            this.place = place;
        }
    }
}
