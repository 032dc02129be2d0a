package dev.engram.extract.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The label a note-taker puts in front of a statement ("Action item:", "TODO:", "Decision:", "Takeaway:") and the
 * statement after it. The label is the strongest cue a rule can get, and it is not part of the memory's content.
 *
 * @param kind   what the label announces
 * @param rest   the statement after the label
 * @param offset where {@code rest} starts in the labelled text
 */
record LeadingLabel(Kind kind, String rest, int offset) {

    /** What a label announces. */
    enum Kind {
        ACTION, TODO, FOLLOW_UP, DECISION, INSIGHT, NONE
    }

    private static final Pattern LABEL = Pattern.compile("^\\s*(?:\\*\\*|__)?(?i:"
            + "(?<action>action items?|actions?|a\\.i\\.|ai|task|next steps?)"
            + "|(?<todo>todo|to-do|to do)"
            + "|(?<follow>follow[- ]?ups?)"
            + "|(?<decision>decisions?|decided|agreed|resolved|resolution|outcome)"
            + "|(?<insight>key insights?|insights?|key takeaways?|takeaways?|learnings?|lessons? learned|findings?"
            + "|observations?))"
            + "(?:\\*\\*|__)?(?:\\s*:|\\s+[\\-–—](?=\\s)|(?<=(?i:todo))(?=\\s+\\S))(?:\\*\\*|__)?\\s*");

    private static final Pattern WRAPPED = Pattern.compile("^([*_]{1,3})(?![*_\\s])([^*_]+?)(?<![\\s])\\1\\s*$");
    /** A name set in emphasis opening a statement: "**Elf Pavlik** will create ...", "_Kate_ to send ...". */
    private static final Pattern EMPHASIZED_OPENER = Pattern.compile(
            "^([*_]{1,3})(?<name>\\p{Lu}[\\p{L}.'\\-]*(?: [\\p{Lu}][\\p{L}.'\\-]*){0,3})\\1(?=\\s+\\p{Ll})");

    /** Reads the label at the start of {@code text}, if any. */
    static LeadingLabel read(String text) {
        Matcher m = LABEL.matcher(text);
        if (m.lookingAt() && m.end() < text.length()) {
            Kind kind = m.group("action") != null ? Kind.ACTION
                    : m.group("todo") != null ? Kind.TODO
                    : m.group("follow") != null ? Kind.FOLLOW_UP
                    : m.group("decision") != null ? Kind.DECISION
                    : Kind.INSIGHT;
            return new LeadingLabel(kind, text.substring(m.end()), m.end());
        }
        // A statement set in emphasis as a whole ("***Ivan Herman to get the API codes***") reads without it.
        Matcher wrapped = WRAPPED.matcher(text);
        if (wrapped.matches()) {
            return new LeadingLabel(Kind.NONE, wrapped.group(2), wrapped.start(2));
        }
        // So does the name opening it, so that its owner reads as in "Elf Pavlik will create ...". The statement
        // then differs from the text by the closing marker: offsets past the name are off by its length.
        Matcher opener = EMPHASIZED_OPENER.matcher(text);
        if (opener.lookingAt()) {
            return new LeadingLabel(Kind.NONE, opener.group("name") + text.substring(opener.end()), opener.start("name"));
        }
        return new LeadingLabel(Kind.NONE, text, 0);
    }

    /** {@code text} without a leading label. */
    static String strip(String text) {
        return read(text).rest();
    }
}
