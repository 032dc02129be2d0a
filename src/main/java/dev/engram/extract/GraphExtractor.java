package dev.engram.extract;

import java.util.List;

/**
 * Reads a chunk's entities and relationships for the knowledge graph. Implementations are chosen by
 * {@code engram.graph.provider}; whatever reads the text, the memories extracted from the chunk map to the graph
 * alike (a decision is a node led by its lead, a task a node assigned to its assignee).
 */
public interface GraphExtractor {

    /** The provider name used in configuration ({@code rules}, {@code openai}). */
    String name();

    /**
     * The graph of {@code text} and of {@code memories}, the memories extracted from it.
     *
     * @throws ExtractionException when the provider failed; {@link ExtractionException#permanent()} tells whether a
     *                             retry could help
     */
    GraphCandidates graph(String text, ExtractionContext context, List<MemoryCandidate> memories);

    /**
     * For each of {@code questions}, in order, whether its two names name the same thing; null when this provider
     * does not judge (the rules: their string-similarity rule already decided, and the pair stays a suggestion).
     * One call for all the questions of a chunk.
     *
     * @throws ExtractionException when the provider failed
     */
    default List<Boolean> sameEntities(List<SameEntityQuestion> questions) {
        return null;
    }
}
