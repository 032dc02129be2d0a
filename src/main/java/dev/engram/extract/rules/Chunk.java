package dev.engram.extract.rules;

import java.time.LocalDate;
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
    private final SentenceTypeModel model;
    private final Map<Integer, List<DateMention>> mentions = new HashMap<>();
    private final Map<Integer, double[]> types = new HashMap<>();
    private final Map<String, Object> memo = new HashMap<>();
    private final Map<List<String>, Map<String, Integer>> sectionWords = new HashMap<>();
    private final Map<List<String>, Integer> sectionSpeakers = new HashMap<>();
    private final List<String> openingPath;
    private final int spokenBefore;
    /** The index of the text's first heading, or the number of sentences without one. */
    private final int firstHeading;

    Chunk(String text, List<Sentence> sentences, People people, DateResolver dates, SentenceTypeModel model) {
        this(text, sentences, people, dates, model, List.of(), 0);
    }

    /**
     * @param openingPath  the heading path the text starts under
     * @param spokenBefore lines naming who speaks in that section before the text
     */
    Chunk(String text, List<Sentence> sentences, People people, DateResolver dates, SentenceTypeModel model,
            List<String> openingPath, int spokenBefore) {
        this.text = text;
        this.sentences = sentences;
        this.people = people;
        this.dates = dates;
        this.model = model;
        this.openingPath = openingPath;
        this.spokenBefore = spokenBefore;
        int heading = 0;
        while (heading < sentences.size() && !sentences.get(heading).isHeading()) {
            heading++;
        }
        this.firstHeading = heading;
    }

    /**
     * Lines naming who speaks in the section {@code s} belongs to that stand before the text: those of the section the
     * text starts in, for a sentence before the text's first heading; none for a sentence under a heading of the text.
     */
    int spokenBefore(Sentence s) {
        return spokenBefore > 0 && s.index() < firstHeading && s.place().headingPath().equals(openingPath)
                ? spokenBefore : 0;
    }

    /**
     * What {@code rule} computed for {@code s}, computed once: the sentence-type features and the rules both ask
     * the rules' cues of every sentence.
     */
    @SuppressWarnings("unchecked")
    <T> T memo(String rule, Sentence s, java.util.function.Supplier<T> compute) {
        String key = rule + ':' + s.index();
        Object value = memo.get(key);
        if (value == null) {
            value = compute.get();
            memo.put(key, value);
        }
        return (T) value;
    }

    /** True when the text has the structure of notes: a heading, a list item, a table row or a chat speaker. */
    boolean hasOutline() {
        for (Sentence s : sentences) {
            if (s.kind() != LineKind.PLAIN || s.speaker() != null) {
                return true;
            }
        }
        return false;
    }

    SentenceTypeModel model() {
        return model;
    }

    /** The model's probability that {@code s} records a task, computed once per sentence. */
    double taskProbability(Sentence s) {
        return types(s)[SentenceTypeModel.TASK];
    }

    /** The model's probability that {@code s} records a decision. */
    double decisionProbability(Sentence s) {
        return types(s)[SentenceTypeModel.DECISION];
    }

    private double[] types(Sentence s) {
        return types.computeIfAbsent(s.index(), i -> model.probabilities(SentenceFeatures.of(this, s)));
    }

    /** The document's date: the reference date, else the first date the text states, else today. */
    LocalDate anchor() {
        return dates.anchor();
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

    /**
     * True when the section of {@code s} is a transcript: two or more of its lines name a speaker. Its items are what
     * people said, not the section's record, whatever its heading ("Decisions", "Action items") promises.
     */
    boolean transcribed(Sentence s) {
        return memo("transcribed", s, () -> {
            int speakers = 0;
            for (Sentence other : sentences) {
                if (other.speaker() != null && other.place().headingPath().equals(s.place().headingPath())
                        && ++speakers >= 2) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * How many sentences of the section with this heading path use each word ({@link SentenceFeatures#words}), counted
     * once per chunk.
     */
    Map<String, Integer> sectionWords(List<String> headingPath) {
        return sectionWords.computeIfAbsent(headingPath, path -> {
            Map<String, Integer> counts = new HashMap<>();
            for (Sentence other : sentences) {
                if (!other.isHeading() && other.place().headingPath().equals(path)) {
                    for (String w : memo("words", other, () -> SentenceFeatures.words(other.text()))) {
                        counts.merge(w, 1, Integer::sum);
                    }
                }
            }
            return counts;
        });
    }

    /** How many sentences of the section with this heading path name who speaks, counted once per chunk. */
    int sectionSpeakers(List<String> headingPath, java.util.function.Predicate<Sentence> speaks) {
        return sectionSpeakers.computeIfAbsent(headingPath, path -> {
            int named = 0;
            for (Sentence other : sentences) {
                if (!other.isHeading() && other.place().headingPath().equals(path) && speaks.test(other)) {
                    named++;
                }
            }
            return named;
        });
    }

    /** The resolved dates in {@code s}, computed once. */
    List<DateMention> dates(Sentence s) {
        return mentions.computeIfAbsent(s.index(), i -> dates.find(s.text()));
    }
}
