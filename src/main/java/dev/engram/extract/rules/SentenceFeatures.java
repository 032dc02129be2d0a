package dev.engram.extract.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the sentence-type model reads of one sentence: its words, how it opens (modal, imperative, a person followed by
 * "to" or "will"), what the hand-written rules think of it, and where it stands in the outline (list depth, a verdict
 * under an item, a table row, its section's heading words, last paragraph of a section). All features are binary, so
 * a set of names describes a sentence; the trainer ({@code make train}) and the extractor compute them with this one
 * class.
 */
final class SentenceFeatures {

    private static final Set<String> MODALS = Set.of("will", "'ll", "’ll", "shall", "should", "must", "would", "could",
            "can", "may", "might", "need", "needs", "going", "gonna", "has", "have");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:/-]\\d+)*");
    private static final Pattern ISSUE_REF = Pattern.compile("(?:^|\\s)#\\d+|(?i)\\b(?:pr|issue|rfc)[- ]?#?\\d+");
    private static final Pattern EMPHASIS = Pattern.compile("^[*_]+|[*_]+$");
    private static final Pattern INITIAL = Pattern.compile("\\p{Lu}?\\.|\\p{Lu}");
    private static final Pattern SURNAME = Pattern.compile("\\p{Lu}[\\p{Ll}'\\-]+:?");
    private static final Pattern HEADING_WORD = Pattern.compile("[a-z]{3,}");
    /** Owners' initials closing an item: "Follow up in issue 355. KK, SC.", "update the ED, SC". */
    private static final Pattern TRAILING_INITIALS = Pattern.compile("(?:[,.;]\\s*|\\s)(?:[A-Z]{2,4}|[a-z][A-Z]{1,3})"
            + "(?:\\s*(?:,|&|and)\\s*(?:[A-Z]{2,4}|[a-z][A-Z]{1,3}))*\\s*[.!]?$");
    /** A line that says who speaks: "Jack - I think it's good", "**SC**: we should throw", "* [rob] Close it". */
    private static final Pattern ATTRIBUTED = Pattern.compile("^\\s*(?:>\\s*)?(?:[-*+]\\s+)?(?:(?:\\*\\*?)?@?[A-Z][\\w.]*(?:-[A-Z][\\w.]*)?"
            + "(?:[ ,&]+(?:and\\s+)?@?[A-Z][\\w.]*(?:-[A-Z][\\w.]*)?){0,3}(?:\\*\\*?)?\\s*(?::|\\s[-–—]\\s)|\\[@?\\p{L}[\\w.\\- ]{1,29}\\](?!\\()\\s+\\S|<@?\\p{L}[\\w.\\-|]{0,29}>\\s+\\S)");
    private static final Set<String> NOT_IMPERATIVE = Set.of("i", "we", "you", "they", "he", "she", "it", "this",
            "that", "there", "these", "those", "the", "a", "an", "no", "not", "yes", "ok", "okay", "so", "and", "but",
            "or", "if", "also", "then", "thanks", "thank", "please", "maybe", "just");

    private SentenceFeatures() {
    }

    /** The feature names of {@code s} within {@code chunk}. */
    static Set<String> of(Chunk chunk, Sentence s) {
        Set<String> f = new LinkedHashSet<>();
        f.add("bias");
        People people = chunk.people();
        // Emphasis is markup, not a word: "**Keep style**" reads as "keep style".
        // A name is one person, however many words it has: "David I. Lehn to update ..." and "Gregg Kellogg to ..."
        // open with a person and "to", "**Rob Sanderson:** This is new" with a person and "this".
        java.util.List<String> kept = new java.util.ArrayList<>();
        boolean inName = false;
        boolean surname = false;
        for (int i = 0; i < s.tokenCount(); i++) {
            String t = EMPHASIS.matcher(s.token(i)).replaceAll("");
            if (t.isEmpty()) {
                continue;
            }
            boolean more = i + 1 < s.tokenCount() && (INITIAL.matcher(s.token(i + 1)).matches()
                    || Character.isUpperCase(s.token(i + 1).charAt(0)));
            if (inName && !surname && INITIAL.matcher(t).matches() && more) {
                continue;
            }
            if (inName && !surname && SURNAME.matcher(t).matches()) {
                surname = true;
                continue;
            }
            String word = normal(t, people);
            inName = "<person>".equals(word) && Character.isUpperCase(t.charAt(0));
            surname = false;
            kept.add(word);
        }
        String[] words = kept.toArray(String[]::new);
        for (int i = 0; i < words.length; i++) {
            f.add("w:" + words[i]);
            if (i + 1 < words.length) {
                f.add("b:" + words[i] + "_" + words[i + 1]);
            }
        }
        if (words.length > 0) {
            f.add("first:" + words[0]);
            f.add("last:" + words[words.length - 1]);

            if (words.length > 1) {
                f.add("first2:" + words[0] + "_" + words[1]);

            }
        }
        int limit = Math.min(words.length, 6);
        for (int i = 0; i < limit; i++) {
            if (MODALS.contains(words[i])) {
                f.add("modal_early");
                f.add("modal_early:" + words[i]);
            }
        }

        f.add("len:" + bucket(words.length));
        f.add("kind:" + s.kind());
        Place place = s.place();
        f.add("depth:" + Math.min(place.depth(), 3));
        if (place.parent() != null) {
            f.add(s.kind() == LineKind.TABLE_ROW ? "table_header" : "has_parent");
            if (words.length <= 6) {
                f.add("short_under_parent");
            }
        }
        if (place.quoted()) {
            f.add("quoted");
        }
        if (s.speaker() != null) {
            f.add("speaker");
        }
        if (s.isQuestion()) {
            f.add("question");
        }
        if (s.text().contains("->") || s.text().contains("→")) {
            f.add("arrow");
        }
        if (s.text().contains("://") || s.text().contains("](")) {
            f.add("link");
        }
        if (s.text().indexOf('`') >= 0) {
            f.add("code");
        }
        if (ISSUE_REF.matcher(s.text()).find()) {
            f.add("issue_ref");
        }
        if (!chunk.dates(s).isEmpty()) {
            f.add("date");
        }

        if (words.length > 0 && "<person>".equals(words[0])) {
            f.add("opens_with_person");
            if (words.length > 1) {
                f.add("person_then:" + words[1]);
            }
        }
        outline(chunk, s, f);
        echoes(chunk, s, f);
        votes(chunk, s, f);
        if (imperative(s)) {
            f.add("imperative");
            f.add("imperative:" + s.kind());
        }
        if (TRAILING_INITIALS.matcher(s.text()).find()) {
            f.add("trailing_owner");
        }
        boolean attributed = attributed(chunk, s);
        // In a transcript, the lines nobody says are the scribe's: notes, and the outcome after the talk.
        if (transcript(chunk, s)) {
            f.add(attributed ? "transcript" : "transcript_unattributed");
        }
        if (attributed) {
            f.add("attributed");
        } else {
            Sentence previous = chunk.previous(s);
            if (previous != null && !previous.isHeading() && attributed(chunk, previous)) {
                f.add("unattributed_after_attributed");
            }
        }
        if (bold(chunk, s)) {
            f.add("bold");
        }
        TaskRules.strength(chunk, s).ifPresent(base -> f.add("rule_task:" + bucket(base)));
        DecisionRules.strength(chunk, s).ifPresent(base -> f.add("rule_decision:" + bucket(base)));
        return f;
    }

    private static final Pattern CONTENT_WORD = Pattern.compile("\\p{L}{4,}|\\d+");
    private static final Set<String> FUNCTION_WORDS = Set.of("that", "this", "with", "from", "have", "will", "would",
            "should", "could", "there", "their", "they", "then", "than", "what", "when", "which", "about", "also", "just",
            "into", "some", "more", "been", "were", "being", "does", "here", "only", "like", "want", "think", "need",
            "make", "sure", "yeah", "okay", "maybe", "other", "these", "those", "because", "things", "thing");

    /** The lower-cased content words of a text: four letters or more outside a few function words, or numbers. */
    static Set<String> words(String text) {
        Set<String> out = new java.util.HashSet<>();
        var m = CONTENT_WORD.matcher(text);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (!FUNCTION_WORDS.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * How much of what the sentence says its topic already says: the share of its words in the section's heading, and
     * in other sentences of its section. An outcome restates the topic and sums up the discussion before it; an aside
     * does not.
     */
    private static void echoes(Chunk chunk, Sentence s, Set<String> f) {
        Set<String> own = chunk.memo("words", s, () -> words(s.text()));
        if (own.isEmpty() || s.isHeading()) {
            return;
        }
        var path = s.place().headingPath();
        if (!path.isEmpty()) {
            Set<String> heading = words(path.get(path.size() - 1));
            long shared = own.stream().filter(heading::contains).count();
            f.add("heading_echo:" + (shared == 0 ? "0" : shared * 2 >= own.size() ? "half" : "some"));
        }
        Map<String, Integer> section = chunk.sectionWords(path);
        long repeated = own.stream().filter(w -> section.getOrDefault(w, 0) >= 2).count();
        double share = (double) repeated / own.size();
        f.add("section_echo:" + (share == 0 ? "0" : share < 0.34 ? "low" : share < 0.67 ? "mid" : "high"));
    }

    /** A line that only casts a vote or assents: "+1", "*Ivan Herman:* +1", "- SC: +1 to that", "agreed", "LGTM". */
    private static final Pattern VOTE = Pattern.compile("(?i)^\\W*(?:[\\p{L}.@\\- ]{1,40}?\\W{0,3}:\\W*)?(?:[+-][01]\\b"
            + "|\\+\\+|(?:agreed?|support|sgtm|lgtm|sounds good|no objections?|works for me|seconded|aye|yes)\\W*$)");

    static boolean vote(Sentence s) {
        return VOTE.matcher(s.text()).find();
    }

    /** Whether the group answers the sentence with votes, or it comes right after them (the outcome of a poll). */
    private static void votes(Chunk chunk, Sentence s, Set<String> f) {
        if (vote(s)) {
            f.add("vote");
            return;
        }
        Sentence next = chunk.next(s);
        if (next != null && !next.isHeading() && vote(next)) {
            f.add("before_votes");
        }
        Sentence previous = chunk.previous(s);
        if (previous != null && !previous.isHeading() && vote(previous)) {
            f.add("after_votes");
        }
    }

    private static boolean startsLine(String text, int start) {
        for (int p = start - 1; p >= 0; p--) {
            char c = text.charAt(p);
            if (c == '\n') {
                return true;
            }
            // Only a line's marker may stand before it: a bullet, a checkbox, a quote, an item number.
            if (!Character.isWhitespace(c) && "-*+•>[]xX0123456789.)".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void outline(Chunk chunk, Sentence s, Set<String> f) {
        var path = s.place().headingPath();
        if (path.isEmpty()) {
            f.add("no_heading");
        } else {
            var m = HEADING_WORD.matcher(path.get(path.size() - 1).toLowerCase(Locale.ROOT));
            while (m.find()) {
                f.add("h:" + m.group());
            }
            f.add("heading_depth:" + Math.min(path.size(), 4));
        }
        Sentence next = chunk.next(s);
        Sentence previous = chunk.previous(s);
        // The end of the text closes a section when the text has one, or when the sentence is a line of its own (a
        // list's last item); the last sentence of a prose paragraph is not a verdict.
        boolean lastInSection = next == null ? !path.isEmpty() || startsLine(chunk.text(), s.start()) : next.isHeading();
        if (lastInSection) {
            f.add("last_in_section");
        }
        // How close the section's end is: outcomes come at the end of a topic, not always on its last line.
        int left = 0;
        for (Sentence n = next; n != null && !n.isHeading() && left < 6; n = chunk.next(n)) {
            left++;
        }
        if (left > 0 && left < 6) {
            f.add("to_end:" + (left <= 2 ? String.valueOf(left) : "3-5"));
        }
        if (previous == null || previous.isHeading()) {
            f.add("first_in_section");
        }
        if (previous != null && !previous.isHeading() && previous.kind() != s.kind()) {
            f.add("after:" + previous.kind() + ">" + s.kind());
        }
        if (next != null && next.place().depth() > s.place().depth() && next.kind() != LineKind.PLAIN) {
            f.add("has_children");
        }
        if (next != null && !next.isHeading() && next.kind() != s.kind()) {
            f.add("before:" + s.kind() + ">" + next.kind());
        }
        boolean ownLine = startsLine(chunk.text(), s.start()) && endsLine(chunk.text(), s.end());
        if (ownLine) {
            f.add("own_line:" + s.kind());
        }
        // The closing item of a nested list: where minutes put the verdict on the item above ("Land the patch").
        if (s.place().depth() > 0 && (next == null || next.isHeading() || next.place().depth() < s.place().depth())) {
            f.add("last_child");
        }
    }

    /**
     * True when {@code s} opens with a verb in its base form: "Land the patch", "Merge PR.", "Reach out to the
     * maintainers". Minutes write both their action items and their verdicts this way.
     */
    static boolean imperative(Sentence s) {
        if (s.tokenCount() == 0 || s.isQuestion()) {
            return false;
        }
        int at = firstWord(s);
        if (at == s.tokenCount()) {
            return false;
        }
        String first = EMPHASIS.matcher(s.token(at)).replaceAll("").toLowerCase(Locale.ROOT);
        if (!Character.isLetter(first.charAt(0)) || NOT_IMPERATIVE.contains(first) || first.endsWith("ing")
                || first.endsWith("ed") || first.endsWith("s") && !first.endsWith("ss")) {
            return false;
        }
        return s.readsAsDirectiveFrom(at);
    }

    /** The index of the first token of {@code s} that is more than emphasis markup ({@code tokenCount()} if none). */
    private static int firstWord(Sentence s) {
        int at = 0;
        while (at < s.tokenCount() && EMPHASIS.matcher(s.token(at)).replaceAll("").isEmpty()) {
            at++;
        }
        return at;
    }

    /**
     * True when {@code s} opens with its verb and has no subject: an order ("Merge in two weeks") or a verdict reported
     * without one ("Moved to Last Check (to be merged in two weeks)", "Moving to Last Check", "to Last Check next
     * meeting").
     */
    static boolean verbFirst(Sentence s) {
        if (imperative(s)) {
            return true;
        }
        if (s.tokenCount() < 2 || s.isQuestion()) {
            return false;
        }
        int at = firstWord(s);
        if (at == s.tokenCount()) {
            return false;
        }
        String first = EMPHASIS.matcher(s.token(at)).replaceAll("").toLowerCase(Locale.ROOT);
        if (first.equals("to")) {
            return true;
        }
        if (NOT_IMPERATIVE.contains(first) || !(first.endsWith("ed") || first.endsWith("ing"))) {
            return false;
        }
        return "VERB".equals(s.tag(at)) || s.readsAsDirectiveFrom(at);
    }

    /**
     * True when the line of {@code s} names who speaks: a chat speaker, a scribe's "Name - " / "Name:" / "[name]", or an
     * IRC log's "&lt;nick&gt; ..." pasted into the minutes; or when it continues such a line's turn ("… and more", right
     * under it or under other continuations; at the top of a text cut from a transcript, after its speakers).
     */
    static boolean attributed(Chunk chunk, Sentence s) {
        if (s.speaker() != null) {
            return true;
        }
        return chunk.memo("attributed", s, () -> attributedLine(chunk, s));
    }

    private static boolean attributedLine(Chunk chunk, Sentence s) {
        String text = chunk.text();
        int from = lineStart(text, s.start());
        int to = text.indexOf('\n', from);
        String line = text.substring(from, to < 0 ? text.length() : to);
        if (attributedText(line)) {
            return true;
        }
        if (CONTINUATION.matcher(line).find()) {
            return continuesTurn(text, from) || from == 0 && chunk.spokenBefore(s) > 0;
        }
        return false;
    }

    /**
     * A scribe's continuation of the turn above, as IRC-scribed minutes write it: "… Most RDF syntaxes do provide
     * ...", "...: I believe it should be more accessible". It is said by whoever spoke on the line above, not the
     * scribe's record: in the training projects' W3C JSON-LD minutes 220 such lines were proposed as decisions (read as
     * the scribe's closing lines of a topic) and 2 matched one.
     */
    private static final Pattern CONTINUATION = Pattern.compile("^\\s*(?:[-*+]\\s+)?(?:…|\\.\\.\\.)(?!\\.)");

    /** True when the lines above the one at {@code from}, back to a line that is no continuation, name a speaker. */
    private static boolean continuesTurn(String text, int from) {
        int end = from - 1;
        while (end > 0) {
            int start = lineStart(text, end);
            String line = text.substring(start, end);
            if (line.isBlank()) {
                return false;
            }
            if (attributedText(line)) {
                return true;
            }
            if (!CONTINUATION.matcher(line).find()) {
                return false;
            }
            end = start - 1;
        }
        return false;
    }

    /**
     * True when {@code line} opens by naming who says it ("Jack - I think ...", "**SC**: we should throw", "&gt; *Rob
     * Sanderson:* +1", "**Pierre-Antoine Champin:** this is ..."). In the training projects' W3C JSON-LD minutes, the
     * quoted chat lines in single emphasis and the hyphenated names read as the scribe's own lines until they counted.
     */
    static boolean attributedText(String line) {
        return ATTRIBUTED.matcher(line).find();
    }

    /**
     * True when {@code s} stands in the scribe's closing block of a transcript's topic: no one says it, someone spoke
     * before it, and no one speaks after it before the next heading.
     */
    static boolean afterTheTalk(Chunk chunk, Sentence s) {
        if (s.isHeading() || !transcript(chunk, s) || attributed(chunk, s)) {
            return false;
        }
        int[] spoken = chunk.memo("spoken", s, () -> spokenAround(chunk, s));
        // Someone spoke before the text began when the text starts inside a transcript's section.
        boolean before = spoken[0] < s.index() || chunk.spokenBefore(s) > 0;
        return before && spoken[1] < s.index();
    }

    /**
     * The indexes of the first and the last line someone says in the block of {@code s} between two headings
     * (Integer.MAX_VALUE and -1 without one), computed once for the block and shared by its sentences.
     */
    private static int[] spokenAround(Chunk chunk, Sentence s) {
        List<Sentence> all = chunk.sentences();
        int from = s.index();
        while (from > 0 && !all.get(from - 1).isHeading()) {
            from--;
        }
        int first = Integer.MAX_VALUE;
        int last = -1;
        int to = from;
        for (; to < all.size() && !all.get(to).isHeading(); to++) {
            if (attributed(chunk, all.get(to))) {
                first = Math.min(first, to);
                last = to;
            }
        }
        int[] spoken = {first, last};
        for (int i = from; i < to; i++) {
            chunk.memo("spoken", all.get(i), () -> spoken);
        }
        return spoken;
    }

    /**
     * True when items are nested under the line of {@code s} ("* Future meetings" over "  * Find a time that ..."): the
     * line names what its items take up.
     */
    static boolean hasNestedItems(Chunk chunk, Sentence s) {
        if (s.isHeading()) {
            return false;
        }
        Sentence n = chunk.next(s);
        while (n != null && !n.isHeading() && chunk.text().substring(s.end(), n.start()).indexOf('\n') < 0) {
            n = chunk.next(n);
        }
        return n != null && !n.isHeading() && n.kind() == LineKind.BULLET && n.place().depth() > s.place().depth();
    }

    /**
     * True when someone says {@code s} in the talk of a transcript: the line names its speaker (or continues a turn
     * that does) in a section where three or more lines name one.
     */
    static boolean spokenInTalk(Chunk chunk, Sentence s) {
        return attributed(chunk, s) && transcript(chunk, s);
    }

    /**
     * True when three or more lines of the section of {@code s} name who speaks, counted once per section, with those
     * of the section before the text when the text starts inside it.
     */
    private static boolean transcript(Chunk chunk, Sentence s) {
        return chunk.sectionSpeakers(s.place().headingPath(), other -> attributed(chunk, other))
                + chunk.spokenBefore(s) >= 3;
    }

    /** True when the sentence is set in bold in the source: "**Keep style**". */
    private static boolean bold(Chunk chunk, Sentence s) {
        String text = chunk.text();
        return s.start() >= 2 && text.startsWith("**", s.start() - 2) || text.startsWith("**", s.start());
    }

    private static int lineStart(String text, int at) {
        int p = text.lastIndexOf('\n', Math.max(0, at - 1));
        return p < 0 ? 0 : p + 1;
    }

    private static boolean endsLine(String text, int end) {
        for (int p = end; p < text.length(); p++) {
            char c = text.charAt(p);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c) && c != '*' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static String normal(String token, People people) {
        char first = token.charAt(0);
        if (first == '@' && token.length() > 1 || Character.isUpperCase(first) && people.isPerson(token)) {
            return "<person>";
        }
        if (token.indexOf('/') >= 0 || token.contains("://")) {
            return "<link>";
        }
        if (Character.isDigit(first) && NUMBER.matcher(token).matches()) {
            return "<num>";
        }
        return token.toLowerCase(Locale.ROOT);
    }

    private static String bucket(int n) {
        return n <= 2 ? String.valueOf(n) : n <= 5 ? "3-5" : n <= 10 ? "6-10" : n <= 20 ? "11-20" : "21+";
    }

    private static String bucket(double confidence) {
        return String.format(Locale.ROOT, "%.1f", Math.floor(confidence * 10) / 10);
    }
}
