package dev.engram.extract.rules;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * One sentence of the chunk with its place in the source and its tokens. Not thread-safe: it belongs to one call.
 *
 * <p>{@link #text()} is the source slice from {@link #start()} to {@link #end()} with list and chat markers already
 * cut off and line breaks turned into spaces, so an index {@code i} in the text is {@code start + i} in the chunk.
 */
final class Sentence {

    private final int index;
    private final String text;
    private final int start;
    private final LineKind kind;
    private final String speaker;
    private final String section;
    private final Place place;
    private final String[] tokens;
    private final int[] tokenStarts;
    private final UnaryOperator<String[]> tagger;
    private Boolean[] directives;
    private String[] tags;
    private final String lower;
    private final boolean question;

    Sentence(int index, String text, int start, LineKind kind, String speaker, String section, Place place,
            String[] tokens, int[] tokenStarts, UnaryOperator<String[]> tagger) {
        this.index = index;
        this.text = text;
        this.question = endsWithQuestionMark(text);
        this.start = start;
        this.kind = kind;
        this.speaker = speaker;
        this.section = section;
        this.place = place;
        this.tokens = tokens;
        this.tokenStarts = tokenStarts;
        this.tagger = tagger;
        this.lower = text.toLowerCase(Locale.ROOT);
    }

    int index() {
        return index;
    }

    String text() {
        return text;
    }

    String lower() {
        return lower;
    }

    int start() {
        return start;
    }

    int end() {
        return start + text.length();
    }

    LineKind kind() {
        return kind;
    }

    /** The chat speaker of the line (name or handle), or null. */
    String speaker() {
        return speaker;
    }

    /** The lower-case label of the heading above this sentence ("action items", "decisions"), or null. */
    String section() {
        return section;
    }

    /** Its place in the outline: heading path, nesting, parent item. */
    Place place() {
        return place;
    }

    int tokenCount() {
        return tokens.length;
    }

    String token(int i) {
        return tokens[i];
    }

    int tokenStart(int i) {
        return tokenStarts[i];
    }

    /** The Universal Dependencies tag of token {@code i}; the sentence is tagged on first use, as tagging is the costliest step. */
    String tag(int i) {
        if (tags == null) {
            tags = tagger.apply(tokens);
        }
        return tags[i];
    }

    /**
     * True when the words from token {@code from} on read as an order ("Update the board"): taggers take a capitalised
     * first word for a noun, so the word is tagged after an infinitive "to", where only a verb fits.
     */
    boolean readsAsDirectiveFrom(int from) {
        if (from >= tokens.length) {
            return false;
        }
        // Asked by the model's features and by the task rules alike: tag each probe once.
        if (directives == null) {
            directives = new Boolean[tokens.length];
        }
        if (directives[from] == null) {
            directives[from] = tagDirective(from);
        }
        return directives[from];
    }

    private boolean tagDirective(int from) {
        int end = Math.min(tokens.length, from + 6);
        String[] probe = new String[end - from + 1];
        probe[0] = "to";
        // Emphasis is markup, not part of the word: "***check pubrules ...***".
        for (int i = from; i < end; i++) {
            String word = tokens[i].replaceAll("^[*_]+|[*_]+$", "");
            probe[i - from + 1] = word.isEmpty() ? tokens[i] : word;
        }
        probe[1] = probe[1].toLowerCase(java.util.Locale.ROOT);
        return "VERB".equals(tagger.apply(probe)[1]);
    }

    boolean isHeading() {
        return kind == LineKind.HEADING;
    }

    /**
     * Ends with a question mark, also inside emphasis or quotes ("**Ready?**") or inside brackets around the whole
     * sentence ("(approved or tabled?)"); a hedge after a statement is none ("Merge in two weeks (?)").
     */
    boolean isQuestion() {
        return question;
    }

    private static boolean endsWithQuestionMark(String text) {
        String t = text.strip();
        t = t.replaceAll("[*_\"'”’\\s]+$", "").replaceAll("^[*_\"'“‘\\s]+", "");
        if (t.length() > 2 && (t.charAt(0) == '(' && t.endsWith(")") || t.charAt(0) == '[' && t.endsWith("]"))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t.endsWith("?");
    }

    @Override
    public String toString() {
        return index + ":" + kind + ":" + text;
    }
}
