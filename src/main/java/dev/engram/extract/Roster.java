package dev.engram.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The people a document says were there: the items of an "Attendees" (or "Present", "Participants", ...) section or
 * label, as minutes open with. The split stage reads them from the whole document and hands them to every chunk, so
 * "Artem to review the working document" in the fifth chunk is known to name a person the first chunk listed. A
 * plain line scan, no language model: a document of any size costs one pass over its text.
 */
public final class Roster {

    /** More names than this is a member directory, not who attended: the roster stops growing. */
    static final int MAX_NAMES = 200;

    private static final String SECTION_WORDS = "attendees|attendance|attending|participants|present|in attendance"
            + "|people present|members present|roll call|who attended|people|invitees";
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(?<title>.*?)\\s*#*\\s*$");
    /** "Attendees:" alone on its line (a list follows), or with the names after it. */
    private static final Pattern LABEL = Pattern.compile("^\\s*(?:[*+-]\\s+)?(?:\\*\\*|__)?(?i:" + SECTION_WORDS
            + ")(?:\\*\\*|__)?\\s*(?:\\([^)]*\\)\\s*)?:(?:\\*\\*|__)?\\s*(?<rest>.*)$");
    private static final Pattern TITLE = Pattern.compile("(?i)^\\W*(?:" + SECTION_WORDS + ")\\W*$");
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:[*+-]|\\d{1,3}[.)])\\s+(?:\\[[ xX]]\\s+)?(?<text>.+)$");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern ORG = Pattern.compile("\\((?<inner>[^)]*)\\)");
    /** Where a name ends in an attendee item: an affiliation, a role, a note. */
    private static final Pattern NAME_END = Pattern.compile("\\s+[-–—|/]\\s+|\\s*[,;:(<\\[]|\\s+\\(|\\s+at\\s+|\\s+from\\s+");
    private static final Pattern WORD = Pattern.compile("\\p{Lu}[\\p{L}'’.\\-]*|\\p{Ll}{1,3}['’]?|\\p{Lu}\\.?");
    private static final Pattern INITIALS = Pattern.compile("\\p{L}{1,4}");
    private static final Pattern HANDLE = Pattern.compile("@?[A-Za-z][\\w.\\-]{1,38}");

    private Roster() {
    }

    /** The names the text lists as present, in order of first appearance, without duplicates. */
    public static List<String> of(String text) {
        Set<String> names = new LinkedHashSet<>();
        boolean inList = false;
        for (String line : text.split("\\R")) {
            if (names.size() >= MAX_NAMES) {
                break;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                inList = TITLE.matcher(heading.group("title")).matches();
                continue;
            }
            Matcher label = LABEL.matcher(line);
            if (label.matches()) {
                String rest = label.group("rest").strip();
                if (rest.isEmpty()) {
                    inList = true;
                } else {
                    inList = false;
                    for (String part : rest.split("\\s*(?:[,;]|\\band\\b|&)\\s*")) {
                        addEntry(part, names);
                    }
                }
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            Matcher item = ITEM.matcher(line);
            if (inList && item.matches()) {
                addEntry(item.group("text"), names);
            } else {
                inList = false;
            }
        }
        return List.copyOf(names);
    }

    /** One attendee entry: "Kate Stewart (Linux Foundation)", "**Jordan Harband**", "Sarah Chen (SC)", "@ljharb". */
    private static void addEntry(String raw, Set<String> names) {
        String entry = LINK.matcher(raw.replace("**", "").replace("__", "").replace("`", "")).replaceAll("$1").strip();
        Matcher end = NAME_END.matcher(entry);
        String name = (end.find() ? entry.substring(0, end.start()) : entry).strip();
        if (name.isEmpty()) {
            return;
        }
        // A handle: "@ljharb", or a lower-case login alone on its item ("nikomatsakis").
        if (HANDLE.matcher(name).matches() && (name.startsWith("@") || !Character.isUpperCase(name.charAt(0)))) {
            if (name.length() >= 3) {
                names.add(name.startsWith("@") ? name.substring(1) : name);
            }
            return;
        }
        String[] words = name.split("\\s+");
        if (words.length > 4 || !Character.isUpperCase(words[0].charAt(0))) {
            return;
        }
        for (String w : words) {
            if (!WORD.matcher(w).matches()) {
                return;
            }
        }
        if (words.length == 1 && words[0].length() < 2) {
            return;
        }
        names.add(String.join(" ", words));
        // "Sarah Chen (SC)": the initials the scribe writes for her; "Kate Stewart (LF)" is where she works.
        Matcher paren = ORG.matcher(entry);
        while (paren.find()) {
            String inner = paren.group("inner").strip();
            if (INITIALS.matcher(inner).matches() && inner.chars().filter(Character::isUpperCase).count() >= 2
                    && inner.charAt(0) == words[0].charAt(0)) {
                names.add(inner);
            }
        }
    }

    /** The roster of {@code texts} read as one document. */
    public static List<String> of(List<String> texts) {
        return of(String.join("\n", texts));
    }

    /** The roster as a reader names people: each full name and its first word ("Kate Stewart", "Kate"). */
    public static List<String> withFirstNames(List<String> roster) {
        List<String> out = new ArrayList<>(roster);
        for (String name : roster) {
            int space = name.indexOf(' ');
            if (space > 1) {
                String first = name.substring(0, space);
                if (!first.endsWith(".") && !out.contains(first)
                        && !first.equals(first.toUpperCase(Locale.ROOT))) {
                    out.add(first);
                }
            }
        }
        return out;
    }
}
