package dev.engram.extract.llm;

import dev.engram.extract.EntityCandidate;
import dev.engram.extract.EntityType;
import dev.engram.extract.ExtractionContext;
import dev.engram.extract.GraphCandidates;
import dev.engram.extract.GraphExtractor;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.RelationCandidate;
import dev.engram.extract.RelationType;
import dev.engram.extract.SameEntityQuestion;
import dev.engram.extract.rules.RulesExtractor;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The knowledge graph read by an LLM behind any OpenAI-compatible endpoint ({@code engram.graph.provider=openai}),
 * the one extraction uses ({@code engram.llm.*}), one call per chunk under the same fault tolerance and pace. The
 * model names the chunk's entities and relationships ({@link GraphAnswer}); the memories extracted from the chunk
 * map to the graph as the rules map them ({@link RulesExtractor#memoryGraph}).
 *
 * <p>What the answer may not say is dropped, item by item: an entity of an unknown type, or of type decision or task
 * (those nodes are memories), or whose name the chunk does not hold; a relationship of an unknown type, whose source
 * or target is not one of the answer's entities, or whose date is not a date (or ends before it starts). An answer
 * without its two lists is asked for again once with the problem spelled out, then the chunk's graph fails with it.
 */
@ApplicationScoped
class OpenAiGraphExtractor implements GraphExtractor {

    /** The types the model may name; decision and task nodes come from the memories. */
    static final Set<EntityType> TEXT_TYPES = EnumSet.of(EntityType.PERSON, EntityType.ORGANIZATION,
            EntityType.PROJECT, EntityType.PLACE, EntityType.PRODUCT, EntityType.EVENT);
    /**
     * Relationship types the model never states: those that link memories, and those only the user's profile
     * insights give.
     */
    private static final Set<RelationType> NOT_FROM_TEXT = EnumSet.of(RelationType.ASSIGNED_TO,
            RelationType.DECIDED_IN, RelationType.PREFERS, RelationType.INTERESTED_IN, RelationType.SKILLED_IN,
            RelationType.DISLIKES);
    static final double CONFIDENCE = 0.8;
    static final double DATED_CONFIDENCE = 0.9;

    private final GraphPrompt prompt;
    private final ModelAnswers answers;
    private final RulesExtractor rules;
    private final MeterRegistry metrics;

    OpenAiGraphExtractor(GraphPrompt prompt, ModelAnswers answers, RulesExtractor rules, MeterRegistry metrics) {
        this.prompt = prompt;
        this.answers = answers;
        this.rules = rules;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public GraphCandidates graph(String text, ExtractionContext context, List<MemoryCandidate> memories) {
        if (text == null || text.isBlank()) {
            return new GraphCandidates(List.of(), List.of());
        }
        LocalDate documentDate = rules.documentDate(text, context);
        String headings = context.headingPath().isEmpty() ? null : String.join(" > ", context.headingPath());
        Read read = answers.ask("graph", correction -> prompt.read(text, headings, documentDate.toString(), correction),
                answer -> {
                    String problem = problem(answer);
                    metrics.counter("engram.graph.provider_calls", "provider", name(), "outcome",
                            problem == null ? "ok" : "invalid_answer").increment();
                    return problem == null ? ModelAnswers.Checked.ok(read(text, answer, documentDate))
                            : ModelAnswers.Checked.invalid(problem);
                });
        metrics.counter("engram.graph.provider_items", "provider", name(), "outcome", "dropped")
                .increment(read.dropped());
        GraphCandidates fromMemories = rules.memoryGraph(text, context, memories);
        List<EntityCandidate> entities = new ArrayList<>(read.graph().entities());
        entities.addAll(fromMemories.entities());
        List<RelationCandidate> relations = new ArrayList<>(read.graph().relations());
        relations.addAll(fromMemories.relations());
        return new GraphCandidates(entities, relations);
    }

    /**
     * One judge call for the chunk's close pairs: the pairs as numbered lines, the answer the numbers of the lines
     * that name one thing. A number that is no line's is a problem, asked about once more.
     */
    @Override
    public List<Boolean> sameEntities(List<SameEntityQuestion> questions) {
        if (questions.isEmpty()) {
            return List.of();
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < questions.size(); i++) {
            SameEntityQuestion q = questions.get(i);
            lines.append(i + 1).append(". ").append(q.type().wireName()).append(": \"").append(q.first())
                    .append("\" | \"").append(q.second()).append("\"\n");
        }
        List<Boolean> out = answers.ask("judgement of close names", correction -> prompt.judge(lines.toString(),
                correction), answer -> {
                    String problem = answer == null || answer.same() == null ? "same is required (an empty list when"
                            + " no line names one thing)"
                            : answer.same().stream().filter(n -> n == null || n < 1 || n > questions.size())
                                    .findFirst().map(n -> "line " + n + " does not exist; lines are 1 to "
                                            + questions.size()).orElse(null);
                    metrics.counter("engram.graph.judge_calls", "provider", name(), "outcome",
                            problem == null ? "ok" : "invalid_answer").increment();
                    if (problem != null) {
                        return ModelAnswers.Checked.invalid(problem);
                    }
                    List<Boolean> same = new ArrayList<>();
                    for (int i = 1; i <= questions.size(); i++) {
                        same.add(answer.same().contains(i));
                    }
                    return ModelAnswers.Checked.ok(same);
                });
        return out;
    }

    /** What is wrong with {@code answer} as a whole, or null when it can be read. */
    static String problem(GraphAnswer answer) {
        if (answer == null || answer.entities() == null || answer.relationships() == null) {
            return "entities and relationships are both required (empty lists when the passage names nothing)";
        }
        return null;
    }

    /** The graph an answer states of {@code text}, and how many of its items were dropped. */
    record Read(GraphCandidates graph, int dropped) {
    }

    /** The usable part of {@code answer}: see the class comment. Facts without a date hold from {@code documentDate}. */
    static Read read(String text, GraphAnswer answer, LocalDate documentDate) {
        int dropped = 0;
        Map<String, EntityCandidate> byName = new LinkedHashMap<>();
        Map<String, EntityCandidate> entities = new LinkedHashMap<>();
        for (GraphAnswer.Entity e : answer.entities()) {
            EntityType type = e == null || e.type() == null ? null : EntityType.fromWire(e.type().strip());
            String name = e == null || e.name() == null ? "" : e.name().strip();
            int start = name.isEmpty() ? -1 : find(text, name, e.charStart());
            if (type == null || !TEXT_TYPES.contains(type) || start < 0) {
                dropped++;
                continue;
            }
            List<String> aliases = new ArrayList<>();
            if (e.aliases() != null) {
                e.aliases().stream().filter(a -> a != null && !a.isBlank()).map(String::strip)
                        .filter(a -> !a.equalsIgnoreCase(name) && find(text, a, null) >= 0).distinct()
                        .forEach(aliases::add);
            }
            EntityCandidate candidate = new EntityCandidate(type, name,
                    aliases.isEmpty() ? Map.of() : Map.of("aliases", aliases), start, start + name.length());
            String key = type + ":" + name.toLowerCase(Locale.ROOT);
            if (entities.putIfAbsent(key, candidate) != null) {
                continue;
            }
            byName.putIfAbsent(name.toLowerCase(Locale.ROOT), candidate);
            aliases.forEach(a -> byName.putIfAbsent(a.toLowerCase(Locale.ROOT), candidate));
        }
        List<RelationCandidate> relations = new ArrayList<>();
        for (GraphAnswer.Relationship r : answer.relationships()) {
            RelationCandidate relation = r == null ? null : relation(text, r, byName, documentDate);
            if (relation == null) {
                dropped++;
            } else {
                relations.add(relation);
            }
        }
        return new Read(new GraphCandidates(new ArrayList<>(entities.values()), relations), dropped);
    }

    private static RelationCandidate relation(String text, GraphAnswer.Relationship r,
            Map<String, EntityCandidate> byName, LocalDate documentDate) {
        RelationType type = r.type() == null ? null : RelationType.fromWire(r.type().strip());
        EntityCandidate source = r.source() == null ? null : byName.get(r.source().strip().toLowerCase(Locale.ROOT));
        EntityCandidate target = r.target() == null ? null : byName.get(r.target().strip().toLowerCase(Locale.ROOT));
        if (type == null || NOT_FROM_TEXT.contains(type) || source == null || target == null || source == target) {
            return null;
        }
        LocalDate from;
        LocalDate to;
        try {
            from = date(r.validFrom());
            to = date(r.validTo());
        } catch (DateTimeParseException e) {
            return null;
        }
        if (from != null && to != null && to.isBefore(from)) {
            return null;
        }
        String fact = r.fact() == null || r.fact().isBlank() ? null : r.fact().strip();
        int start = fact == null ? -1 : find(text, fact, r.charStart());
        int end;
        if (start >= 0) {
            end = start + fact.length();
        } else {
            // The fact is not the chunk's own words: the evidence is the source's mention, the fact as the model said it.
            start = source.start();
            end = source.end();
        }
        return new RelationCandidate(source.name(), source.type(), type, target.name(), target.type(),
                fact == null ? source.name() + " " + type.wireName() + " " + target.name() : fact,
                from != null ? from : documentDate, to, Boolean.TRUE.equals(r.negated()),
                from != null ? DATED_CONFIDENCE : CONFIDENCE, Map.of(), start, end);
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
    }

    /**
     * Where {@code text} holds {@code phrase} (any case, whole words): at {@code hint} when it is there, else its first
     * occurrence; -1 when it holds none.
     */
    static int find(String text, String phrase, Integer hint) {
        if (hint != null && at(text, phrase, hint)) {
            return hint;
        }
        for (int i = 0; i + phrase.length() <= text.length(); i++) {
            if (at(text, phrase, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code text} holds {@code phrase} at {@code i} (any case) as whole words: "Ali" is not in "Alice". */
    private static boolean at(String text, String phrase, int i) {
        int end = i + phrase.length();
        return i >= 0 && end <= text.length() && text.regionMatches(true, i, phrase, 0, phrase.length())
                && !(i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)) && Character.isLetterOrDigit(phrase.charAt(0)))
                && !(end < text.length() && Character.isLetterOrDigit(text.charAt(end))
                        && Character.isLetterOrDigit(phrase.charAt(phrase.length() - 1)));
    }
}
