package dev.engram.extract.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the outline of notes line by line: the heading path, the list items open above the current one, and the
 * header of the current table. One instance per segmentation.
 */
final class Outline {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    /** A nested item this short is read as a verdict on its parent ("Approved", "Merged, needs docs"). */
    static final int VERDICT_TOKENS = 6;
    private static final Pattern VERDICT = Pattern.compile("(?i)\\s*(?:approved|accepted|rejected|declined|merged|agreed"
            + "|adopted|resolved|lgtm|ok to merge|consensus|deferred|postponed|closed|won'?t fix|landed|ship it|go ahead"
            + "|no-go|tabled|withdrawn|stage \\d|advanced? to|promoted to)\\b");
    private static final Pattern ANSWER = Pattern.compile("(?i)\\s*(?:yes|no)\\b");
    private static final Pattern ARROW = Pattern.compile("\\s(?:->|→|=>)\\s");
    private static final Pattern EMPHASIS = Pattern.compile("[*_`]+");

    /** Headings with their level; those inherited from the chunk's start have levels 1, 2, ... */
    private final List<String> headings = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private final Deque<Item> items = new ArrayDeque<>();
    private String tableHeader;

    Outline(List<String> inherited) {
        for (String h : inherited) {
            headings.add(h);
            levels.add(levels.size() + 1);
        }
    }

    /** A heading line: it closes the headings at its level and below, the open items and any table. */
    void heading(int level, String title) {
        String clean = clean(title);
        items.clear();
        tableHeader = null;
        if (clean.isEmpty()) {
            return;
        }
        int lvl = level == 0 ? 7 : level;
        if (!headings.isEmpty() && headings.get(headings.size() - 1).equalsIgnoreCase(clean)) {
            return; // the chunk's inherited path already ends with this heading
        }
        while (!levels.isEmpty() && levels.get(levels.size() - 1) >= lvl) {
            levels.remove(levels.size() - 1);
            headings.remove(headings.size() - 1);
        }
        headings.add(clean);
        levels.add(lvl);
    }

    /** The header row of a table that starts on the next line. */
    void tableHeader(String row) {
        items.clear();
        tableHeader = cells(row);
    }

    /** True when a heading is open, so a paragraph belongs to it. */
    boolean underHeading() {
        return !headings.isEmpty();
    }

    /** The place of a new statement that starts with this line, updating the open items. */
    Place enter(LineKind kind, LineMarkup markup, String content) {
        if (kind == LineKind.TABLE_ROW) {
            return new Place(headings, 0, tableHeader, markup.quoted());
        }
        tableHeader = null;
        boolean item = kind == LineKind.BULLET || kind == LineKind.OPEN_CHECKBOX || kind == LineKind.DONE_CHECKBOX;
        if (!item) {
            if (markup.indent() == 0) {
                items.clear();
                return new Place(headings, 0, null, markup.quoted());
            }
            // An indented paragraph under an item belongs to it.
            Item parent = items.peekLast();
            return new Place(headings, items.size(), parent == null ? null : parent.text, markup.quoted());
        }
        while (!items.isEmpty() && items.peekLast().indent >= markup.indent()) {
            items.removeLast();
        }
        Item parent = items.peekLast();
        Place place = new Place(headings, items.size(), parent == null ? null : parent.text, markup.quoted());
        items.addLast(new Item(markup.indent(), clean(content)));
        return place;
    }

    /** The place of a heading: the path above it. */
    Place place() {
        return new Place(headings, 0, null, false);
    }

    /** A heading's key as rules compare it: lower case, without emphasis, links and trailing colons. */
    static String sectionKey(String heading) {
        return clean(heading).replaceAll("[:#*_]+$", "").strip().toLowerCase(Locale.ROOT);
    }

    /** Text without Markdown link targets and emphasis marks. */
    static String clean(String text) {
        return SPACES.matcher(EMPHASIS.matcher(LINK.matcher(text).replaceAll("$1")).replaceAll("")).replaceAll(" ").strip();
    }

    /** A table row's cells joined as a reader would say them ("RFC | Status" → "RFC, Status"). */
    static String cells(String row) {
        List<String> out = new ArrayList<>();
        for (String cell : row.split("\\|")) {
            String c = clean(cell);
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return String.join(" | ", out);
    }

    /**
     * What a sentence states, read with its place: a table row with its cells spelled out ("RFC-41, RFC-44: Accepted,
     * targeting 2.0"), a short verdict with the item it answers ("feat: add window.setVibrancy on Linux: approved"),
     * else {@code clause} (the sentence without its leading label) as written.
     */
    static String statement(Sentence s, String clause) {
        if (s.kind() == LineKind.TABLE_ROW) {
            List<String> cells = new ArrayList<>(List.of(cells(clause).split(" \\| ")));
            String first = cells.remove(0);
            return cells.isEmpty() ? first : first + ": " + String.join("; ", cells);
        }
        String parent = s.place().parent();
        if (parent != null && s.tokenCount() <= VERDICT_TOKENS && !parent.isBlank()) {
            String verdict = clause.strip().replaceAll("[.!]+$", "");
            if (!verdict.isEmpty() && Character.isUpperCase(verdict.charAt(0)) && (verdict.length() == 1
                    || !Character.isUpperCase(verdict.charAt(1)))) {
                verdict = Character.toLowerCase(verdict.charAt(0)) + verdict.substring(1);
            }
            return parent.replaceAll("[:.]+$", "") + ": " + verdict;
        }
        return clause;
    }

    /**
     * True when {@code s} records a verdict on something: a short item under an item that starts with a verdict word
     * ("Approved" under a pull request; "Yes" under a question), a table row with a verdict in one of its cells after
     * the first ("RFC-41 | Accepted, targeting 2.0"), or an arrow to a verdict ("move CI to Actions -> accepted").
     */
    static boolean isVerdict(Sentence s) {
        String text = s.text();
        if (s.kind() == LineKind.TABLE_ROW) {
            String[] cells = cells(text).split(" \\| ");
            for (int i = 1; i < cells.length; i++) {
                if (VERDICT.matcher(cells[i]).lookingAt()) {
                    return true;
                }
            }
            return false;
        }
        Matcher arrow = ARROW.matcher(text);
        if (arrow.find() && VERDICT.matcher(text.substring(arrow.end())).lookingAt()) {
            return true;
        }
        String parent = s.place().parent();
        if (parent == null || s.tokenCount() > VERDICT_TOKENS) {
            return false;
        }
        String clean = clean(text);
        return VERDICT.matcher(clean).lookingAt()
                || parent.strip().endsWith("?") && ANSWER.matcher(clean).lookingAt();
    }

    private record Item(int indent, String text) {
    }
}
