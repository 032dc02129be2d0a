/**
 * The knowledge graph: entities and relationships per user, with time and provenance. This package holds its pure
 * rules: {@link dev.engram.graph.NameKey} (the key an entity is found by), {@link dev.engram.graph.EntityResolver}
 * (whether a name is an entity the graph has) and {@link dev.engram.graph.Timeline} (what a new fact does to the
 * edges its source has). The offline extractor of entities and relationships is
 * {@link dev.engram.extract.rules.RulesExtractor#graph}.
 *
 * <p>It owns the {@code entities} (and {@code entity_merges}, which nothing writes yet), {@code entity_aliases},
 * {@code relationships} and {@code graph_evidence} tables, each with one repository
 * ({@link dev.engram.graph.EntityRepository}, {@link dev.engram.graph.EntityAliasRepository},
 * {@link dev.engram.graph.RelationshipRepository}, {@link dev.engram.graph.GraphEvidenceRepository}), and
 * {@code graph_work}, the stage's outbox ({@link dev.engram.graph.GraphWorkRepository}). The services over them:
 * {@link dev.engram.graph.GraphWriter} writes a chunk's graph, {@link dev.engram.graph.GraphReader} reads it and
 * {@link dev.engram.graph.GraphPurge} deletes a job's part, the writer and the purge under the user's
 * {@link dev.engram.graph.GraphLock}; {@link dev.engram.graph.GraphReview} keeps decision and task nodes in step
 * with their memory's review (observing review's {@link dev.engram.review.MemoriesReviewed}) and
 * {@link dev.engram.graph.ChatEvidence} names a chat chunk's message on its evidence. Routes:
 * {@code GET /api/v1/graph/entities}, {@code …/entities/{id}} and {@code GET /api/v1/graph/about}
 * ({@link dev.engram.graph.GraphResource}). Functions: {@code graph} ({@link dev.engram.graph.GraphStage}) and the
 * {@code graph-resend} schedule ({@link dev.engram.graph.GraphOutbox}). Others use
 * {@link dev.engram.graph.GraphOutbox} with {@link dev.engram.graph.GraphRequested} (the process stage requests a
 * chunk's graph work), {@link dev.engram.graph.GraphPurge} (ingest and process delete a job's graph),
 * {@link dev.engram.graph.GraphRebuild} and {@link dev.engram.graph.GraphBacklog} (admin: the rebuild, the stats and
 * the graph's dead letters); it answers progress's {@link dev.engram.progress.GraphStates} (jobs' {@code graph_state},
 * {@link dev.engram.graph.GraphWorkStates}).
 */
package dev.engram.graph;
