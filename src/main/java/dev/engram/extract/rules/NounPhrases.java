package dev.engram.extract.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Noun phrases read off part-of-speech tags: runs of adjectives and nouns that end in a noun. */
final class NounPhrases {

    /** Nouns too general to name a topic or a tag. */
    static final Set<String> GENERIC = Set.of("thing", "things", "item", "items", "action", "team", "today", "tomorrow",
            "week", "weeks", "month", "months", "quarter", "year", "day", "days", "time", "update", "updates", "call",
            "note", "notes", "meeting", "meetings", "people", "lot", "bit", "way", "stuff", "point", "points", "question",
            "questions", "everyone", "anyone", "someone", "end", "start", "part", "number", "folks", "guys", "hi",
            "thanks", "todo", "decision", "decisions", "task", "tasks", "deck", "status", "agenda", "summary", "eod",
            "eow", "re", "fyi", "cc", "am", "pm", "%", "x", "q1", "q2", "q3", "q4", "h1", "h2", "next", "last", "first",
            "owner", "owners", "context", "date", "lead", "issue", "issues", "work", "plan", "idea", "ideas", "one", "kind", "sort", "side", "place", "case");

    /**
     * A phrase found in a sentence.
     *
     * @param text   lower-case words joined by spaces
     * @param start  start offset within the sentence text
     * @param end    end offset (exclusive) within the sentence text
     * @param proper true when every word is a proper noun (likely a name)
     */
    record Phrase(String text, int start, int end, boolean proper) {

        int words() {
            return text.split(" ").length;
        }

        /** The phrase as a tag: words joined by hyphens. */
        String slug() {
            return text.replace(' ', '-');
        }
    }

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}'-]*");
    private static final Pattern CALENDAR = Pattern.compile("(?i)" + DatePhrases.MONTH
            + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|tonight");

    private NounPhrases() {
    }

    /** The noun phrases of {@code s}, at most {@code maxWords} long (longer runs keep their last words). */
    static List<Phrase> of(Sentence s, int maxWords) {
        return of(s, maxWords, true);
    }

    /** As {@link #of(Sentence, int)}; with {@code dropGeneric} false, general nouns ("review meeting") stay. */
    static List<Phrase> of(Sentence s, int maxWords, boolean dropGeneric) {
        List<Phrase> out = new ArrayList<>();
        int i = 0;
        while (i < s.tokenCount()) {
            if (!isPart(s, i)) {
                i++;
                continue;
            }
            int from = i;
            while (i < s.tokenCount() && isPart(s, i)) {
                i++;
            }
            int to = i;
            while (to > from && !isNoun(s.tag(to - 1))) {
                to--;
            }
            if (to > from) {
                int first = Math.max(from, to - maxWords);
                while (dropGeneric && first < to && GENERIC.contains(lower(s, first))) {
                    first++;
                }
                if (first < to && !(dropGeneric && GENERIC.contains(lower(s, to - 1)))) {
                    out.add(phrase(s, first, to));
                }
            }
        }
        return out;
    }

    private static Phrase phrase(Sentence s, int from, int to) {
        StringBuilder text = new StringBuilder();
        boolean proper = true;
        for (int t = from; t < to; t++) {
            if (t > from) {
                text.append(' ');
            }
            text.append(lower(s, t));
            proper &= "PROPN".equals(s.tag(t));
        }
        int end = s.tokenStart(to - 1) + s.token(to - 1).length();
        return new Phrase(text.toString(), s.tokenStart(from), end, proper);
    }

    private static boolean isPart(Sentence s, int i) {
        String tag = s.tag(i);
        String token = s.token(i);
        return (isNoun(tag) || "ADJ".equals(tag)) && WORD.matcher(token).matches()
                && !CALENDAR.matcher(token).matches();
    }

    private static boolean isNoun(String tag) {
        return "NOUN".equals(tag) || "PROPN".equals(tag);
    }

    private static String lower(Sentence s, int i) {
        return s.token(i).toLowerCase(Locale.ROOT);
    }
}
