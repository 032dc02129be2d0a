package dev.engram.review;

import java.util.List;
import java.util.UUID;

/**
 * Result of a review.
 *
 * @param savedCount memories saved or updated by this review
 * @param memoryIds  their ids
 * @param rejectedCount memories rejected
 */
record ConfirmResponse(int savedCount, List<UUID> memoryIds, int rejectedCount) {
}
