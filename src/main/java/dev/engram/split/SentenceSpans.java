package dev.engram.split;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds sentence-like spans for chunking: a sentence ends at . ! ? followed by space and a capital, digit, quote or
 * bullet (not the dot of a numbered item's marker); every line break ends a span too (notes, bullets and chat logs are line-oriented). Spans exclude
 * surrounding whitespace, except a line's indentation: a span that starts a line keeps it, so a nested item ("    *
 * Approved" under a pull request) stays nested in the chunk the extractor reads.
 */
final class SentenceSpans {

    private static final String ABBREVIATIONS = " mr. mrs. ms. dr. prof. inc. ltd. e.g. i.e. vs. etc. approx. no. st. ";

    private SentenceSpans() {
    }

    static List<int[]> of(String text) {
        List<int[]> spans = new ArrayList<>();
        int n = text.length();
        int start = skipSpace(text, 0);
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            boolean end = false;
            int endAt = i + 1;
            if (c == '\n') {
                end = true;
                endAt = i;
            } else if ((c == '.' || c == '!' || c == '?') && i + 1 < n && Character.isWhitespace(text.charAt(i + 1))) {
                int next = skipSpace(text, i + 1);
                end = next >= n || startsSentence(text.charAt(next)) && !abbreviationBefore(text, i)
                        && !listMarkerBefore(text, i);
            }
            if (end) {
                int trimmedEnd = trimEnd(text, start, endAt);
                if (trimmedEnd > start) {
                    spans.add(new int[] {start, trimmedEnd});
                }
                // A sentence that ends its line (trailing spaces allowed): the next span starts a line, indentation kept.
                int next = skipSpace(text, endAt);
                start = c == '\n' || text.indexOf('\n', endAt) >= 0 && text.indexOf('\n', endAt) < next
                        ? lineStart(text, endAt) : next;
                i = start - 1;
            }
        }
        int trimmedEnd = trimEnd(text, start, n);
        if (start < n && trimmedEnd > start) {
            spans.add(new int[] {start, trimmedEnd});
        }
        return spans;
    }

    /** Whether a blank line (paragraph break) follows position {@code at}. */
    static boolean blankLineAt(String text, int at) {
        int newlines = 0;
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                newlines++;
                if (newlines >= 2) {
                    return true;
                }
            } else if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || c == '"' || c == '\'' || c == '('
                || c == '-' || c == '*' || c == '•' || c == '[' || c == '@' || c == '#';
    }

    private static boolean abbreviationBefore(String text, int dot) {
        int wordStart = dot;
        while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = text.substring(wordStart, dot + 1).toLowerCase();
        return word.length() <= 2 && Character.isLetter(word.charAt(0)) || ABBREVIATIONS.contains(" " + word + " ");
    }

    /** Whether the dot at {@code dot} closes a numbered item's marker ("29. DE: ..."): only digits before it on its line. */
    private static boolean listMarkerBefore(String text, int dot) {
        int p = dot;
        while (p > 0 && Character.isDigit(text.charAt(p - 1))) {
            p--;
        }
        if (p == dot || dot - p > 3) {
            return false;
        }
        while (p > 0 && (text.charAt(p - 1) == ' ' || text.charAt(p - 1) == '\t')) {
            p--;
        }
        return p == 0 || text.charAt(p - 1) == '\n' || text.charAt(p - 1) == '\r';
    }

    /** The start of the next non-blank line at or after {@code from}, its indentation included. */
    private static int lineStart(String text, int from) {
        int lineStart = from;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lineStart = i + 1;
            } else if (!Character.isWhitespace(c)) {
                return lineStart;
            }
        }
        return text.length();
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String text, int start, int end) {
        int e = end;
        while (e > start && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }
}
