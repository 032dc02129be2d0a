package dev.engram.extract.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the rules read about one chunk: the text, its sentences, the people in it and its dates. One instance
 * per call, used by one thread.
 */
final class Chunk {

    private final String text;
    private final List<Sentence> sentences;
    private final People people;
    private final DateResolver dates;
    private final Map<Integer, List<DateMention>> mentions = new HashMap<>();

    Chunk(String text, List<Sentence> sentences, People people, DateResolver dates) {
        this.text = text;
        this.sentences = sentences;
        this.people = people;
        this.dates = dates;
    }

    String text() {
        return text;
    }

    List<Sentence> sentences() {
        return sentences;
    }

    People people() {
        return people;
    }

    /** The sentence after {@code s}, or null. */
    Sentence next(Sentence s) {
        return s.index() + 1 < sentences.size() ? sentences.get(s.index() + 1) : null;
    }

    /** The sentence before {@code s}, or null. */
    Sentence previous(Sentence s) {
        return s.index() > 0 ? sentences.get(s.index() - 1) : null;
    }

    /** The resolved dates in {@code s}, computed once. */
    List<DateMention> dates(Sentence s) {
        return mentions.computeIfAbsent(s.index(), i -> dates.find(s.text()));
    }
}
