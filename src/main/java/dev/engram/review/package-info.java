/**
 * What extraction proposed, until its owner decides. It owns the {@code pending_memories} table
 * ({@link dev.engram.review.PendingMemoryRepository}) and the {@code chunks} table
 * ({@link dev.engram.review.ChunkRepository}), and saves confirmed memories through
 * {@link dev.engram.memory.MemoryRepository} in its own transaction. Routes:
 * {@code GET /api/v1/memories/extract/{extraction_id}} and {@code POST …/confirm}
 * ({@link dev.engram.review.ExtractionResource} over {@link dev.engram.review.ReviewService} and
 * {@link dev.engram.review.ConfirmService}). Function: the {@code expire} schedule ({@link dev.engram.review.ExpireStage}).
 * Others may use: {@link dev.engram.review.ReviewInbox} (the process stage hands a chunk's
 * {@link dev.engram.review.ProposedMemory proposals} over), {@link dev.engram.review.ReviewService} (purge and what a
 * job still holds), {@link dev.engram.review.ChunkMemories} and {@link dev.engram.review.DuplicatePolicy} (the graph
 * stage, which also reads memories' reviews and pages through the stored chunks for a rebuild) and
 * {@link dev.engram.review.ExtractedMemory} (ingest's answers); the rest is review's own. After each commit that
 * changes memories' review status (confirm, reject, expiry, auto-save) it fires
 * {@link dev.engram.review.MemoriesReviewed}, which the graph observes.
 */
package dev.engram.review;
