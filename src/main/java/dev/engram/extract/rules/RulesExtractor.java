package dev.engram.extract.rules;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.ExtractionException;
import dev.engram.extract.Extractor;
import dev.engram.extract.GraphCandidates;
import dev.engram.extract.GraphExtractor;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.extract.Roster;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The embedded extractor: the notes' outline (headings, nested items, tables), OpenNLP sentences, tokens and
 * part-of-speech tags, a learned sentence-type model that decides which sentences record tasks and decisions
 * ({@link SentenceTypeModel}), natty for dates, and hand-written rules for what rules do well: assignees, due dates,
 * leads, metrics, contacts. Needs no network and no API key.
 *
 * <p>Thread-safe: the rules are stateless, the models are shared, and everything stateful (OpenNLP's {@code *ME}
 * classes, the date cache) is created per call.
 */
@ApplicationScoped
public class RulesExtractor implements Extractor, GraphExtractor {

    /** The provider name in {@code engram.extract.provider}. */
    public static final String NAME = "rules";

    private static final List<Rule> RULES = List.of(new TaskRules(), new DecisionRules(), new InsightRules(),
            new ContactRules(), new DateRules(), new TopicRules(), new SentimentRules());

    /**
     * One OpenNLP session per thread, reused call after call: building one looks up resources and feature generators
     * each time, a noticeable share of a short chunk's extraction.
     */
    private static final ThreadLocal<NlpSession> SESSIONS = ThreadLocal.withInitial(NlpSession::new);

    private final SentenceTypeModel model;

    /** The extractor with the model that ships with Engram. */
    public RulesExtractor() {
        this(null);
    }

    /** The extractor with another sentence-type model (the trainer's cross-validation); null for the shipped one. */
    RulesExtractor(SentenceTypeModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<MemoryCandidate> extract(String text, ExtractionContext context) {
        if (context == null) {
            throw new ExtractionException("an extraction context is required", true);
        }
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Chunk chunk = read(text, context, model != null ? model : SentenceTypeModel.shipped());
        List<Draft> drafts = new ArrayList<>();
        for (Rule rule : RULES) {
            if (context.wants(rule.type())) {
                drafts.addAll(rule.apply(chunk));
            }
        }
        return CandidateAssembler.assemble(drafts, chunk.people(), context.types());
    }

    /**
     * The knowledge graph's entities and relationships in {@code text}, with those of {@code memories}, the memories
     * this extractor (or another provider) extracted from it ({@link GraphRules}).
     */
    @Override
    public GraphCandidates graph(String text, ExtractionContext context, List<MemoryCandidate> memories) {
        if (text == null || text.isBlank()) {
            return new GraphCandidates(List.of(), List.of());
        }
        Chunk chunk = read(text, context, model != null ? model : SentenceTypeModel.shipped());
        return GraphRules.apply(chunk, context, memories);
    }

    /**
     * The graph of {@code memories} alone (decision and task nodes, their leads, assignees, meetings, places and
     * projects; contacts), as every graph provider maps them.
     */
    public GraphCandidates memoryGraph(String text, ExtractionContext context, List<MemoryCandidate> memories) {
        if (text == null || text.isBlank()) {
            return new GraphCandidates(List.of(), List.of());
        }
        Chunk chunk = read(text, context, model != null ? model : SentenceTypeModel.shipped());
        return GraphRules.ofMemories(chunk, context, memories);
    }

    /**
     * The date the text is written on, as facts without a date of their own hold from: the reference date, else a
     * date in the headings above or in the text, else today.
     */
    public LocalDate documentDate(String text, ExtractionContext context) {
        return anchor(text, context);
    }

    private static LocalDate anchor(String text, ExtractionContext context) {
        String dated = context.headingPath().isEmpty() ? text : String.join("\n", context.headingPath()) + "\n" + text;
        return DateResolver.anchorFor(context.referenceDate(), dated, context.zone());
    }

    /**
     * The chunk as the rules read it: sentences in their outline, people, dates resolved against the reference date
     * (else a date in the headings above or in the text). The trainer of the sentence-type model reads chunks the
     * same way.
     */
    static Chunk read(String text, ExtractionContext context, SentenceTypeModel model) {
        NlpSession nlp = SESSIONS.get();
        List<Sentence> sentences = new TextSegmenter(nlp).segment(text, context.headingPath());
        DateResolver dates = new DateResolver(anchor(text, context));
        List<String> roster = new ArrayList<>(context.people());
        Roster.of(text).stream().filter(n -> !roster.contains(n)).forEach(roster::add);
        return new Chunk(text, sentences, People.of(sentences, Roster.withFirstNames(roster)), dates, model,
                context.headingPath(), context.spokenBefore());
    }

    /**
     * True when {@code line} names who speaks it ("SFC: ...", "**Rob Sanderson:** ...", "* [rob] Close it"), as the
     * rules read a transcript; the split stage counts such lines before each chunk ({@link ExtractionContext#after}).
     */
    public static boolean namesSpeaker(String line) {
        return LineMarkup.of(line).speaker() != null || SentenceFeatures.attributedText(line);
    }

    /** Loads the language models now rather than on the first extraction (e.g. at startup or in a warm-up). */
    public void warmUp() {
        extract("Sam to check the report by Friday.", new ExtractionContext(EnumSet.allOf(MemoryType.class), null, null));
    }
}
