/**
 * From an input object to chunks. The split stage ({@link dev.engram.split.SplitStage}, function {@code split}) reads a
 * job's input (text, or a document parsed by {@code split.parse}), cuts it on sentence boundaries into
 * token-bounded, overlapping {@link dev.engram.split.Chunk}s ({@link dev.engram.split.Chunker}) and sends each as a
 * {@link dev.engram.split.ChunkReady} message to the chunk queue; a big PDF goes in page ranges
 * ({@link dev.engram.progress.PageRangeLedger}). It owns no table and no route. Others use
 * {@link dev.engram.split.ChunkReady} and {@link dev.engram.split.Chunk} (the chunk message),
 * {@link dev.engram.split.SplitRequested} and {@link dev.engram.split.SplitStage} (ingest starts a split, or chunks a
 * synchronous text itself) and
 * {@link dev.engram.split.TokenEstimator}.
 */
package dev.engram.split;
