/**
 * The knowledge graph: entities and relationships per user, with time and provenance. This package holds its pure
 * rules: {@link dev.engram.graph.NameKey} (the key an entity is found by), {@link dev.engram.graph.EntityResolver}
 * (whether a name is an entity the graph has) and {@link dev.engram.graph.Timeline} (what a new fact does to the
 * edges its source has). The offline extractor of entities and relationships is
 * {@link dev.engram.extract.rules.RulesExtractor#graph}.
 *
 * <p>It owns the {@code entities}, {@code entity_aliases}, {@code relationships}, {@code graph_evidence} and
 * {@code entity_merges} tables (written by {@link dev.engram.graph.GraphWriter}, read by
 * {@link dev.engram.graph.GraphReader}, deleted with a job by {@link dev.engram.graph.GraphPurge}) and
 * {@code graph_work}, the stage's outbox ({@link dev.engram.graph.GraphWorkRepository}). Routes:
 * {@code GET /api/v1/graph/entities}, {@code …/entities/{id}} and {@code GET /api/v1/graph/about}
 * ({@link dev.engram.graph.GraphResource}). Functions: {@code graph} ({@link dev.engram.graph.GraphStage}) and the
 * {@code graph-resend} schedule ({@link dev.engram.graph.GraphOutbox}). Others use
 * {@link dev.engram.graph.GraphOutbox} with {@link dev.engram.graph.GraphRequested} (the process stage requests a
 * chunk's graph work) and {@link dev.engram.graph.GraphPurge} (ingest and process delete a job's graph).
 */
package dev.engram.graph;
