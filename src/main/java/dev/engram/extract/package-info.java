/**
 * From a chunk's text to proposed memories, entities and relationships. The contract: {@link dev.engram.extract.Extractor}
 * (chosen by {@link dev.engram.extract.ActiveExtractor}: rules in {@code extract.rules}, a language model in
 * {@code extract.llm}), its input {@link dev.engram.extract.ExtractionContext} and its output
 * {@link dev.engram.extract.MemoryCandidate} of a {@link dev.engram.extract.MemoryType}, and for the graph
 * {@link dev.engram.extract.GraphCandidates}. The process stage, chat and the graph stage use these; it owns no table,
 * no route and no function.
 */
package dev.engram.extract;
