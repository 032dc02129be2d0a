package dev.engram.extract;

import java.util.List;

/** The entities and relationships an extractor found in one chunk, for the knowledge graph. */
public record GraphCandidates(List<EntityCandidate> entities, List<RelationCandidate> relations) {

    public GraphCandidates {
        entities = List.copyOf(entities);
        relations = List.copyOf(relations);
    }
}
