/**
 * The knowledge graph: entities and relationships per user, with time and provenance. This package holds its pure
 * rules: {@link dev.engram.graph.NameKey} (the key an entity is found by), {@link dev.engram.graph.EntityResolver}
 * (whether a name is an entity the graph has) and {@link dev.engram.graph.Timeline} (what a new fact does to the
 * edges its source has). The offline extractor of entities and relationships is
 * {@link dev.engram.extract.rules.RulesExtractor#graph}.
 */
package dev.engram.graph;
