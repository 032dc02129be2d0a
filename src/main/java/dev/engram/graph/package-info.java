/**
 * The knowledge graph: entities and relationships per user, with time and provenance. This package holds its pure
 * rules: {@link dev.engram.graph.NameKey} (the key an entity is found by), {@link dev.engram.graph.EntityResolver}
 * (whether a name is an entity the graph has) and {@link dev.engram.graph.Timeline} (what a new fact does to the
 * edges its source has). The offline extractor of entities and relationships is
 * {@link dev.engram.extract.rules.RulesExtractor#graph}.
 *
 * <p>It owns the {@code entities}, {@code entity_merges}, {@code entity_aliases}, {@code relationships} and
 * {@code graph_evidence} tables, each with one repository ({@link dev.engram.graph.EntityRepository},
 * {@link dev.engram.graph.EntityMergeRepository}, {@link dev.engram.graph.EntityAliasRepository},
 * {@link dev.engram.graph.RelationshipRepository}, {@link dev.engram.graph.GraphEvidenceRepository}), and
 * {@code graph_work}, the stage's outbox ({@link dev.engram.graph.GraphWorkRepository}). The services over them:
 * {@link dev.engram.graph.GraphWriter} writes a chunk's graph (embedding its new names and merging near-duplicates),
 * {@link dev.engram.graph.GraphReader} reads it, {@link dev.engram.graph.GraphTraversal} walks it (neighbours,
 * paths), {@link dev.engram.graph.GraphCuration} takes a person's corrections (facts confirmed, rejected or ended;
 * entities rejected, merged, merges undone; merge suggestions), both kinds of merge by
 * {@link dev.engram.graph.EntityMerger}, and {@link dev.engram.graph.GraphPurge} deletes a job's part; every writer
 * under the user's {@link dev.engram.graph.GraphLock}. {@link dev.engram.graph.GraphReview} keeps decision and task
 * nodes in step with their memory's review (observing review's {@link dev.engram.review.MemoriesReviewed}) and
 * {@link dev.engram.graph.ChatEvidence} names a chat chunk's message on its evidence. Routes:
 * {@code /api/v1/graph/entities…} (search, one, neighbors, merge, reject), {@code …/about}, {@code …/paths},
 * {@code …/relationships/{id}…}, {@code …/merges/{id}/undo} and {@code …/merge-candidates}
 * ({@link dev.engram.graph.GraphResource}). Functions: {@code graph} ({@link dev.engram.graph.GraphStage}) and the
 * {@code graph-resend} schedule ({@link dev.engram.graph.GraphOutbox}). Others use
 * {@link dev.engram.graph.GraphOutbox} with {@link dev.engram.graph.GraphRequested} (the process stage requests a
 * chunk's graph work), {@link dev.engram.graph.GraphPurge} (ingest and process delete a job's graph),
 * {@link dev.engram.graph.SelfFacts} (profile: each insight as a fact of the user's {@code self} person, and a
 * deleted conversation's evidence purged), {@link dev.engram.graph.GraphRebuild} and
 * {@link dev.engram.graph.GraphBacklog} (admin: the rebuild, the stats and
 * the graph's dead letters); it answers progress's {@link dev.engram.progress.GraphStates} (jobs' {@code graph_state},
 * {@link dev.engram.graph.GraphWorkStates}).
 */
package dev.engram.graph;
