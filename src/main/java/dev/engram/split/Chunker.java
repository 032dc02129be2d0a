package dev.engram.split;

import dev.engram.extract.Roster;
import dev.engram.extract.rules.RulesExtractor;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits documents into token-bounded chunks on paragraph and sentence boundaries, repeating the last sentences of a
 * chunk at the start of the next so a statement spanning a boundary is seen whole once. Every chunk carries the
 * document's roster (who it lists as present), which only the whole text knows, and how many lines of its section
 * before it name who speaks: a chunk cut from a long transcript is still read as one, its closing lines as the
 * scribe's outcome of the talk before them.
 */
public final class Chunker {

    private final int maxTokens;
    private final int overlapTokens;

    /**
     * @param maxTokens     upper bound of a chunk's estimated tokens
     * @param overlapTokens tokens of trailing sentences repeated in the next chunk (0 for none)
     */
    public Chunker(int maxTokens, int overlapTokens) {
        if (maxTokens < 16 || overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("need maxTokens >= 16 and 0 <= overlap < maxTokens / 2");
        }
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    /** Chunks one plain text. */
    public List<Chunk> chunk(String text) {
        return chunk(List.of(new TextSection(text, 0, null, null)), 0);
    }

    /**
     * Chunks a document's sections in order.
     *
     * @param sections   the document's text with provenance
     * @param firstIndex index of the first chunk (page ranges of a big document are chunked separately)
     */
    public List<Chunk> chunk(List<TextSection> sections, int firstIndex) {
        List<Unit> units = new ArrayList<>();
        for (TextSection section : sections) {
            for (int[] span : SentenceSpans.of(section.text())) {
                splitLongUnit(section, span[0], span[1], units);
            }
        }
        List<String> people = Roster.of(sections.stream().map(TextSection::text).toList());
        int[] spoken = spokenBefore(units);
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        while (i < units.size()) {
            int overlapUnits = chunks.isEmpty() ? 0 : overlapCountBefore(units, i);
            int first = i - overlapUnits;
            int tokens = 0;
            for (int k = first; k < i; k++) {
                tokens += units.get(k).tokens;
            }
            // The overlap must leave room for the new text; drop it when the next unit would not fit.
            if (tokens + units.get(i).tokens > maxTokens) {
                first = i;
                tokens = 0;
            }
            int j = i;
            while (j < units.size() && (j == i || tokens + units.get(j).tokens <= maxTokens)) {
                tokens += units.get(j).tokens;
                j++;
            }
            chunks.add(build(units, first, j, i, firstIndex + chunks.size(), people, spoken[first]));
            i = j;
        }
        return chunks;
    }

    private int overlapCountBefore(List<Unit> units, int start) {
        int count = 0;
        int tokens = 0;
        for (int k = start - 1; k >= 0; k--) {
            tokens += units.get(k).tokens;
            if (tokens > overlapTokens) {
                break;
            }
            count++;
        }
        return count;
    }

    /**
     * For each unit, the lines before it in its section (units under the same heading path) that name who speaks.
     * A unit opens a line when the unit before it ends one.
     */
    private static int[] spokenBefore(List<Unit> units) {
        int[] out = new int[units.size()];
        int count = 0;
        for (int k = 0; k < units.size(); k++) {
            Unit u = units.get(k);
            Unit previous = k == 0 ? null : units.get(k - 1);
            if (previous != null && !java.util.Objects.equals(previous.headingPath, u.headingPath)) {
                count = 0;
            }
            out[k] = count;
            boolean opensLine = previous == null || previous.lineEnd || previous.paragraphEnd;
            if (opensLine && RulesExtractor.namesSpeaker(u.text)) {
                count++;
            }
        }
        return out;
    }

    private static Chunk build(List<Unit> units, int from, int to, int newFrom, int index, List<String> people,
            int spokenBefore) {
        StringBuilder text = new StringBuilder();
        int overlapChars = 0;
        int tokens = 0;
        Integer pageStart = null;
        Integer pageEnd = null;
        for (int k = from; k < to; k++) {
            Unit u = units.get(k);
            if (k == newFrom && k > from) {
                overlapChars = text.length() + (text.isEmpty() ? 0 : separator(units.get(k - 1), u).length());
            }
            if (!text.isEmpty()) {
                text.append(separator(units.get(k - 1), u));
            }
            text.append(u.text);
            tokens += u.tokens;
            if (u.page != null) {
                pageStart = pageStart == null ? u.page : Math.min(pageStart, u.page);
                pageEnd = pageEnd == null ? u.page : Math.max(pageEnd, u.page);
            }
        }
        Unit first = units.get(from);
        Unit last = units.get(to - 1);
        return new Chunk(index, text.toString(), first.start, last.end, overlapChars, pageStart, pageEnd,
                first.headingPath, tokens, people, spokenBefore);
    }

    private static String separator(Unit previous, Unit next) {
        return previous.paragraphEnd ? "\n\n" : (previous.lineEnd ? "\n" : " ");
    }

    private void splitLongUnit(TextSection section, int from, int to, List<Unit> out) {
        String text = section.text();
        int tokens = TokenEstimator.estimate(text, from, to);
        if (tokens <= maxTokens) {
            out.add(unit(section, from, to, tokens));
            return;
        }
        // A "sentence" longer than a chunk (a table dump, a run-on line): cut it at word boundaries.
        int pieceStart = from;
        int pieceTokens = 0;
        int lastSpace = -1;
        for (int p = from; p < to; p++) {
            if (Character.isWhitespace(text.charAt(p))) {
                lastSpace = p;
            }
            pieceTokens = TokenEstimator.estimate(text, pieceStart, p + 1);
            if (pieceTokens >= maxTokens) {
                int cut = lastSpace > pieceStart ? lastSpace : p + 1;
                out.add(unit(section, pieceStart, cut, TokenEstimator.estimate(text, pieceStart, cut)));
                pieceStart = cut;
                while (pieceStart < to && Character.isWhitespace(text.charAt(pieceStart))) {
                    pieceStart++;
                }
                p = pieceStart - 1;
                lastSpace = -1;
            }
        }
        if (pieceStart < to) {
            out.add(unit(section, pieceStart, to, TokenEstimator.estimate(text, pieceStart, to)));
        }
    }

    private static Unit unit(TextSection section, int from, int to, int tokens) {
        String text = section.text();
        boolean paragraphEnd = to >= text.length() || SentenceSpans.blankLineAt(text, to);
        boolean lineEnd = lineBreakFollows(text, to);
        return new Unit(text.substring(from, to), section.start() + from, section.start() + to, tokens,
                section.page(), section.headingPath(), paragraphEnd, lineEnd);
    }

    /** Whether only spaces or tabs stand between {@code at} and the next line break (Markdown's trailing spaces). */
    private static boolean lineBreakFollows(String text, int at) {
        for (int p = at; p < text.length(); p++) {
            char c = text.charAt(p);
            if (c == '\n' || c == '\r') {
                return true;
            }
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return false;
    }

    private record Unit(String text, int start, int end, int tokens, Integer page, String headingPath,
            boolean paragraphEnd, boolean lineEnd) {
    }
}
