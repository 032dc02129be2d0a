package dev.engram.chat;

import dev.engram.embed.ActiveEmbedder;
import dev.engram.embed.Similarity;
import dev.engram.extract.ExtractionContext;
import dev.engram.extract.Extractor;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.extract.rules.RulesExtractor;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The offline summary provider: extractive and incremental. Each version keeps the previous one and adds the window's
 * topics (the rules extractor's recurring noun phrases, at most 10 in all), its decisions and commitments (the rules
 * extractor's decisions and tasks), the user's questions with the first sentence of the twin's next reply, and three
 * highlights: the window's sentences nearest its embedding centroid, chosen with maximal marginal relevance so they do
 * not repeat one another. A line equal to another, or at cosine 0.9 or more, is merged into the earlier one.
 */
@ApplicationScoped
class RulesSummarizer implements Summarizer {

    static final String NAME = "rules";
    static final double SAME_LINE = 0.9;
    static final int HIGHLIGHTS_PER_WINDOW = 3;
    static final int MAX_LINES = 20;
    static final int MAX_HIGHLIGHTS = 6;
    /** MMR: relevance to the centroid against similarity to the highlights already chosen. */
    static final double MMR_LAMBDA = 0.7;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Set<MemoryType> TYPES = Set.of(MemoryType.TOPIC, MemoryType.DECISION, MemoryType.TASK);
    private static final int MIN_HIGHLIGHT_WORDS = 4;
    private static final int MAX_QUESTION = 300;

    private final Extractor rules;
    private final Function<List<String>, List<float[]>> embed;

    @Inject
    RulesSummarizer(@All List<Extractor> extractors, ActiveEmbedder embedder) {
        this(extractors.stream().filter(e -> e.name().equals(RulesExtractor.NAME)).findFirst().orElseThrow(),
                texts -> embedder.get().embedAll(texts));
    }

    RulesSummarizer(Extractor rules, Function<List<String>, List<float[]>> embed) {
        this.rules = rules;
        this.embed = embed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SummaryDraft summarize(SummaryInput input) {
        SummaryDraft previous = input.previous() == null ? new SummaryDraft(null, null, null, null) : input.previous();
        Window w = Window.of(input.window());
        List<String> topics = new ArrayList<>(previous.topics());
        List<SummaryDraft.Line> decisions = new ArrayList<>();
        if (!w.text.isBlank()) {
            var first = input.window().get(0).createdAt();
            var context = new ExtractionContext(TYPES, first == null ? null
                    : first.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), ZoneOffset.UTC);
            for (MemoryCandidate c : rules.extract(w.text, context)) {
                if (c.type() == MemoryType.TOPIC) {
                    addTopic(topics, topicOf(c));
                } else {
                    decisions.add(new SummaryDraft.Line(c.content(), w.seqAt(c.sourceStart())));
                }
            }
        }
        List<SummaryDraft.Line> sentences = w.sentences();
        // One embedding call for everything compared: the previous lines, the new ones and the candidate sentences.
        List<String> texts = new ArrayList<>();
        previous.decisions().forEach(l -> texts.add(l.text()));
        previous.highlights().forEach(l -> texts.add(l.text()));
        decisions.forEach(l -> texts.add(l.text()));
        sentences.forEach(l -> texts.add(l.text()));
        Map<String, float[]> vectors = new LinkedHashMap<>();
        List<String> distinct = texts.stream().distinct().toList();
        if (!distinct.isEmpty()) {
            List<float[]> embedded = embed.apply(distinct);
            for (int i = 0; i < distinct.size(); i++) {
                vectors.put(distinct.get(i), embedded.get(i));
            }
        }
        List<SummaryDraft.Line> mergedDecisions = merge(previous.decisions(), decisions, vectors, MAX_LINES);
        // A highlight that says what a decision says already adds nothing.
        List<SummaryDraft.Line> fresh = sentences.stream().filter(s -> mergedDecisions.stream()
                .noneMatch(d -> same(d, s, vectors))).toList();
        List<SummaryDraft.Line> highlights = merge(previous.highlights(), highlights(fresh, vectors), vectors,
                MAX_HIGHLIGHTS);
        List<SummaryDraft.Question> questions = new ArrayList<>(previous.questions());
        questions.addAll(w.questions());
        return new SummaryDraft(topics.subList(0, Math.min(SummaryDraft.MAX_TOPICS, topics.size())),
                mergedDecisions, newest(questions, MAX_LINES), highlights);
    }

    private static String topicOf(MemoryCandidate c) {
        Object key = c.metadata().get("topic");
        String topic = key != null ? key.toString() : c.content().replaceFirst("^Topic:\\s*", "");
        return topic.strip().toLowerCase(Locale.ROOT);
    }

    private static void addTopic(List<String> topics, String topic) {
        if (!topic.isEmpty() && topics.stream().noneMatch(t -> t.equalsIgnoreCase(topic))) {
            topics.add(topic);
        }
    }

    /** The window's sentences nearest its centroid, by maximal marginal relevance. */
    static List<SummaryDraft.Line> highlights(List<SummaryDraft.Line> sentences, Map<String, float[]> vectors) {
        if (sentences.isEmpty()) {
            return List.of();
        }
        float[] centroid = centroid(sentences.stream().map(s -> vectors.get(s.text())).toList());
        List<SummaryDraft.Line> left = new ArrayList<>(sentences);
        List<SummaryDraft.Line> chosen = new ArrayList<>();
        while (chosen.size() < HIGHLIGHTS_PER_WINDOW && !left.isEmpty()) {
            SummaryDraft.Line best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (SummaryDraft.Line s : left) {
                float[] v = vectors.get(s.text());
                double redundancy = chosen.stream().mapToDouble(c -> cosine(v, vectors.get(c.text()))).max()
                        .orElse(0);
                double score = MMR_LAMBDA * cosine(v, centroid) - (1 - MMR_LAMBDA) * redundancy;
                if (score > bestScore) {
                    bestScore = score;
                    best = s;
                }
            }
            chosen.add(best);
            left.remove(best);
        }
        // In the order they were said, not the order they were picked.
        chosen.sort((a, b) -> Integer.compare(a.seq(), b.seq()));
        return chosen;
    }

    /** The earlier lines, then each new one that neither equals nor nearly equals one kept; the newest {@code max}. */
    static List<SummaryDraft.Line> merge(List<SummaryDraft.Line> earlier, List<SummaryDraft.Line> added,
            Map<String, float[]> vectors, int max) {
        List<SummaryDraft.Line> out = new ArrayList<>();
        for (SummaryDraft.Line line : concat(earlier, added)) {
            if (out.stream().noneMatch(kept -> same(kept, line, vectors))) {
                out.add(line);
            }
        }
        return newest(out, max);
    }

    /** Equal, or at cosine {@value #SAME_LINE} or more. */
    private static boolean same(SummaryDraft.Line a, SummaryDraft.Line b, Map<String, float[]> vectors) {
        return a.text().equalsIgnoreCase(b.text()) || vectors.containsKey(a.text()) && vectors.containsKey(b.text())
                && cosine(vectors.get(a.text()), vectors.get(b.text())) >= SAME_LINE;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static <T> List<T> newest(List<T> lines, int max) {
        return List.copyOf(lines.size() <= max ? lines : lines.subList(lines.size() - max, lines.size()));
    }

    static float[] centroid(List<float[]> vectors) {
        float[] c = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < c.length; i++) {
                c[i] += v[i];
            }
        }
        return c;
    }

    private static double cosine(float[] a, float[] b) {
        return Similarity.cosine(a, b);
    }

    /** The window's messages as one text, with where each message starts. */
    private record Window(List<ChatMessage> messages, String text, int[] starts) {

        static Window of(List<ChatMessage> messages) {
            StringBuilder text = new StringBuilder();
            List<ChatMessage> kept = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            for (ChatMessage m : messages) {
                if (m.content() == null || m.content().isBlank()) {
                    continue;
                }
                kept.add(m);
                starts.add(text.length());
                text.append(m.content().strip()).append("\n\n");
            }
            return new Window(kept, text.toString(), starts.stream().mapToInt(Integer::intValue).toArray());
        }

        /** The seq of the message holding character {@code offset} (the first message when unknown). */
        int seqAt(int offset) {
            int at = 0;
            for (int i = 0; i < starts.length; i++) {
                if (starts[i] <= offset) {
                    at = i;
                }
            }
            return messages.isEmpty() ? 0 : messages.get(at).seq();
        }

        List<SummaryDraft.Line> sentences() {
            List<SummaryDraft.Line> out = new ArrayList<>();
            for (ChatMessage m : messages) {
                for (String s : SENTENCE_END.split(m.content().strip())) {
                    String t = s.strip();
                    if (t.split("\\s+").length >= MIN_HIGHLIGHT_WORDS
                            && out.stream().noneMatch(o -> o.text().equalsIgnoreCase(t))) {
                        out.add(new SummaryDraft.Line(t, m.seq()));
                    }
                }
            }
            return out;
        }

        List<SummaryDraft.Question> questions() {
            List<SummaryDraft.Question> out = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                ChatMessage m = messages.get(i);
                String q = m.content().strip();
                if (!m.role().equals("user") || !q.endsWith("?")) {
                    continue;
                }
                String answer = null;
                for (int j = i + 1; j < messages.size() && answer == null; j++) {
                    if (messages.get(j).role().equals("twin")) {
                        answer = SENTENCE_END.split(messages.get(j).content().strip())[0];
                    } else if (messages.get(j).role().equals("user")) {
                        break;
                    }
                }
                out.add(new SummaryDraft.Question(q.length() <= MAX_QUESTION ? q : q.substring(0, MAX_QUESTION),
                        answer, m.seq()));
            }
            return out;
        }
    }
}
