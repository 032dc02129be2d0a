/**
 * The process stage ({@link dev.engram.process.ProcessStage}, function {@code process}): a chunk from the chunk queue
 * is extracted, its proposals embedded ({@link dev.engram.process.Proposals}) and handed to review through
 * {@link dev.engram.review.ReviewInbox}, its outcome counted on the job ({@link dev.engram.progress.ChunkLedger}) and
 * its graph work requested. It owns no table and no route; ingest uses {@link dev.engram.process.ProcessStage} to
 * process a synchronous submission's single chunk inline.
 */
package dev.engram.process;
