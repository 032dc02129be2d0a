package dev.engram.graph;

/**
 * Graph-queue message: the memories of chunk {@code chunkIndex} of job {@code jobId} are stored and their entities and
 * relationships wait for the graph stage. Idempotency key: {@code (jobId, chunkIndex)}, the graph work row.
 */
public record GraphRequested(String jobId, int chunkIndex, String userId) {
}
