package dev.engram.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a label and a memory are compared on: lower-cased runs of letters and digits, two characters or more,
 * not in {@code stopwords.txt}, after Markdown link targets and URLs are dropped. The dataset builder
 * ({@code infra/eval/minutes_common.py}) applies the same rule when it checks that a label is recoverable.
 */
public final class ContentWords {

    private static final Pattern LINK_TARGET = Pattern.compile("\\]\\([^)]*\\)");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");

    private final Set<String> stopwords;

    ContentWords(Set<String> stopwords) {
        this.stopwords = Set.copyOf(stopwords);
    }

    public static ContentWords load(Path stopwordFile) {
        try {
            Set<String> words = new HashSet<>();
            for (String line : Files.readAllLines(stopwordFile)) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w);
                }
            }
            return new ContentWords(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Set<String> of(String text) {
        String clean = URL.matcher(LINK_TARGET.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("]")).replaceAll(" ");
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(clean);
        while (m.find()) {
            String w = m.group();
            if (w.length() >= 2 && !stopwords.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
