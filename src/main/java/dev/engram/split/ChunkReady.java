package dev.engram.split;

import dev.engram.progress.JobOptions;

/**
 * Chunk-queue message: one chunk to extract, embed and store. Idempotency key: {@code (taskId, chunk.index)}.
 *
 * @param taskId       the job
 * @param extractionId its extraction
 * @param userId       the owner
 * @param totalChunks  chunks in the job
 * @param chunk        the text and its provenance
 * @param options      what the submitter asked for
 */
public record ChunkReady(String taskId, String extractionId, String userId, int totalChunks, Chunk chunk,
        JobOptions options) {
}
