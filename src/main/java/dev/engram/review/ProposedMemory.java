package dev.engram.review;

import dev.engram.extract.MemoryCandidate;

/**
 * A candidate with its embedding, ready to be stored for review.
 *
 * @param candidate what the extractor proposed
 * @param embedding its vector
 */
public record ProposedMemory(MemoryCandidate candidate, float[] embedding) {
}
