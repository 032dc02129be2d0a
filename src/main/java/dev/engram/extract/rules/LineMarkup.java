package dev.engram.extract.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markup at the start of one source line: chat timestamp and speaker, heading hashes, bullet, checkbox.
 *
 * @param contentOffset where the line's own words begin, relative to the line
 * @param kind          what the markup says the line is
 * @param speaker       the chat speaker named on the line, or null
 * @param speakerHeader true when the line only names a speaker and a time ("Sarah Kim  9:41 AM"), as pasted
 *                      Slack threads do; the speaker then owns the lines below
 */
record LineMarkup(int contentOffset, LineKind kind, String speaker, boolean speakerHeader) {

    private static final String TIME = "(?:\\d{4}-\\d{2}-\\d{2}[ T])?\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[AaPp]\\.?[Mm]\\.?)?";
    private static final String WHO = "@?[A-Za-z][\\w.\\-]*(?: [A-Z][\\w\\-]*){0,2}";
    private static final Pattern TIME_THEN_SPEAKER = Pattern.compile(
            "^\\s*\\[?" + TIME + "\\]?\\s*[-–—]?\\s*<?(" + WHO + ")>?\\s*:\\s*");
    private static final Pattern TIME_THEN_IRC_SPEAKER = Pattern.compile("^\\s*\\[?" + TIME + "\\]?\\s*<(@?[\\w.\\-]+)>\\s*");
    private static final Pattern SPEAKER_THEN_TIME = Pattern.compile(
            "^\\s*(" + WHO + ")\\s*[\\[(]" + TIME + "[\\])]\\s*:?\\s*");
    private static final Pattern SPEAKER_HEADER = Pattern.compile("^\\s*(" + WHO + ")\\s+[\\[(]?" + TIME + "[\\])]?\\s*$");
    private static final Pattern HANDLE_SPEAKER = Pattern.compile("^\\s*@([\\w.\\-]+)\\s*:\\s+");
    private static final Pattern MD_HEADING = Pattern.compile("^\\s*#{1,6}\\s+");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•·▪‣◦+–]|\\d{1,2}[.)]|[a-z][.)])\\s+");
    private static final Pattern CHECKBOX = Pattern.compile("^\\[([ xX✓✔]?)\\]\\s*");
    private static final Pattern BARE_CHECKBOX = Pattern.compile("^\\s*\\[([ xX✓✔]?)\\]\\s+");

    /** Reads the markup of {@code line}. */
    static LineMarkup of(String line) {
        Matcher header = SPEAKER_HEADER.matcher(line);
        if (header.matches()) {
            return new LineMarkup(line.length(), LineKind.PLAIN, header.group(1).trim(), true);
        }
        int offset = 0;
        String speaker = null;
        for (Pattern p : new Pattern[] {TIME_THEN_IRC_SPEAKER, TIME_THEN_SPEAKER, SPEAKER_THEN_TIME, HANDLE_SPEAKER}) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                speaker = m.group(1).trim();
                offset = m.end();
                break;
            }
        }
        LineKind kind = LineKind.PLAIN;
        Matcher md = MD_HEADING.matcher(line).region(offset, line.length());
        if (md.lookingAt()) {
            return new LineMarkup(md.end(), LineKind.HEADING, speaker, false);
        }
        Matcher bullet = BULLET.matcher(line).region(offset, line.length());
        if (bullet.lookingAt()) {
            offset = bullet.end();
            kind = LineKind.BULLET;
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
        return new LineMarkup(offset, kind, speaker, false);
    }
}
