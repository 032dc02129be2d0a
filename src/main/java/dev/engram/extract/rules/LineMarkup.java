package dev.engram.extract.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markup at the start of one source line: quote markers, chat timestamp and speaker, heading hashes, bullet,
 * checkbox, table row.
 *
 * @param contentOffset where the line's own words begin, relative to the line
 * @param kind          what the markup says the line is
 * @param speaker       the chat speaker named on the line, or null
 * @param speakerHeader true when the line only names a speaker and a time ("Sarah Kim  9:41 AM"), as pasted
 *                      Slack threads do; the speaker then owns the lines below
 * @param indent        the width of the whitespace before the bullet or text (a tab counts 4), which nests list items
 * @param quoted        true for a quote block line ({@code > ...})
 * @param headingLevel  the number of {@code #} of a Markdown heading, else 0
 */
record LineMarkup(int contentOffset, LineKind kind, String speaker, boolean speakerHeader, int indent, boolean quoted,
        int headingLevel) {

    private static final Pattern QUOTE = Pattern.compile("^\\s*(?:>\\s?)+");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|.*\\|\\s*$");

    private static final String TIME = "(?:\\d{4}-\\d{2}-\\d{2}[ T])?\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[AaPp]\\.?[Mm]\\.?)?";
    private static final String WHO = "@?[A-Za-z][\\w.\\-]*(?: [A-Z][\\w\\-]*){0,2}";
    private static final Pattern TIME_THEN_SPEAKER = Pattern.compile(
            "^\\s*\\[?" + TIME + "\\]?\\s*[-–—]?\\s*<?(" + WHO + ")>?\\s*:\\s*");
    private static final Pattern TIME_THEN_IRC_SPEAKER = Pattern.compile("^\\s*\\[?" + TIME + "\\]?\\s*<(@?[\\w.\\-]+)>\\s*");
    private static final Pattern SPEAKER_THEN_TIME = Pattern.compile(
            "^\\s*(" + WHO + ")\\s*[\\[(]" + TIME + "[\\])]\\s*:?\\s*");
    private static final Pattern SPEAKER_HEADER = Pattern.compile("^\\s*(" + WHO + ")\\s+[\\[(]?" + TIME + "[\\])]?\\s*$");
    private static final Pattern HANDLE_SPEAKER = Pattern.compile("^\\s*(?:\\*\\*)?@([\\w.\\-]+)\\s*:\\s*(?:\\*\\*\\s*)?(?=\\S)");
    /** A scribe's speaker label: initials ("SFC: ...", as TC39 and W3C minutes write). */
    private static final Pattern SCRIBE_SPEAKER = Pattern.compile("^\\s*(\\p{Lu}{2,4}|\\p{Ll}\\p{Lu}{1,2})\\s*:\\s+(?=\\S)");
    /** Upper-case labels that open a line but name no one. */
    private static final java.util.Set<String> NOT_SPEAKERS = java.util.Set.of("TODO", "NOTE", "FYI", "AI", "TBD",
            "WIP", "ETA", "PS", "RE", "FW", "FWD", "QA", "Q", "A", "TLDR", "EDIT", "BTW", "IMO", "NB", "PR", "RFC");
    private static final Pattern MD_HEADING = Pattern.compile("^\\s*#{1,6}\\s+");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•·▪‣◦+–]|\\d{1,2}[.)]|[a-z][.)])\\s+");
    private static final Pattern CHECKBOX = Pattern.compile("^\\[([ xX✓✔]?)\\]\\s*");
    private static final Pattern BARE_CHECKBOX = Pattern.compile("^\\s*\\[([ xX✓✔]?)\\]\\s+");

    /** The first of {@code patterns} that names a speaker at {@code offset}, or null. */
    private static Matcher speakerAt(String line, int offset, Pattern... patterns) {
        for (Pattern p : patterns) {
            Matcher m = p.matcher(line).region(offset, line.length());
            if (m.lookingAt() && !(p == SCRIBE_SPEAKER && NOT_SPEAKERS.contains(m.group(1)))) {
                return m;
            }
        }
        return null;
    }

    /** Reads the markup of {@code line}. */
    static LineMarkup of(String line) {
        Matcher header = SPEAKER_HEADER.matcher(line);
        if (header.matches()) {
            return new LineMarkup(line.length(), LineKind.PLAIN, header.group(1).trim(), true, 0, false, 0);
        }
        int offset = 0;
        Matcher quote = QUOTE.matcher(line);
        boolean quoted = quote.lookingAt();
        if (quoted) {
            offset = quote.end();
        }
        if (TABLE_ROW.matcher(line).region(offset, line.length()).matches()) {
            int bar = line.indexOf('|', offset);
            return new LineMarkup(bar + 1, LineKind.TABLE_ROW, null, false, 0, quoted, 0);
        }
        String speaker = null;
        Matcher who = speakerAt(line, offset, TIME_THEN_IRC_SPEAKER, TIME_THEN_SPEAKER, SPEAKER_THEN_TIME,
                HANDLE_SPEAKER, SCRIBE_SPEAKER);
        if (who != null) {
            speaker = who.group(1).trim();
            offset = who.end();
        }
        LineKind kind = LineKind.PLAIN;
        Matcher md = MD_HEADING.matcher(line).region(offset, line.length());
        if (md.lookingAt()) {
            int level = (int) line.substring(offset, md.end()).chars().filter(c -> c == '#').count();
            return new LineMarkup(md.end(), LineKind.HEADING, speaker, false, 0, quoted, level);
        }
        int indent = indent(line, offset);
        Matcher bullet = BULLET.matcher(line).region(offset, line.length());
        if (bullet.lookingAt()) {
            offset = bullet.end();
            kind = LineKind.BULLET;
            // Scribes often write each turn as an item: "* SC: Would other mechanisms be in scope?"
            Matcher turn = speaker == null ? speakerAt(line, offset, HANDLE_SPEAKER, SCRIBE_SPEAKER) : null;
            if (turn != null) {
                speaker = turn.group(1).trim();
                offset = turn.end();
            }
            Matcher box = CHECKBOX.matcher(line).region(offset, line.length());
            if (box.lookingAt()) {
                offset = box.end();
                kind = box.group(1).isBlank() ? LineKind.OPEN_CHECKBOX : LineKind.DONE_CHECKBOX;
            }
        } else {
            Matcher box = BARE_CHECKBOX.matcher(line).region(offset, line.length());
            if (box.lookingAt()) {
                offset = box.end();
                kind = box.group(1).isBlank() ? LineKind.OPEN_CHECKBOX : LineKind.DONE_CHECKBOX;
            }
        }
        return new LineMarkup(offset, kind, speaker, false, indent, quoted, 0);
    }

    private static int indent(String line, int from) {
        int width = 0;
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                width++;
            } else if (c == '\t') {
                width += 4;
            } else {
                break;
            }
        }
        return width;
    }
}
