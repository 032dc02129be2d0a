package dev.engram.review;

import java.util.List;
import java.util.UUID;

/**
 * Fired after a review's commit (confirm, reject, expire, auto-save): these pending memories of {@code userId}
 * changed their review status. An observer reads the statuses again ({@link ChunkMemories#reviews}) rather than
 * trusting an order of events, so a repeated or late event changes nothing.
 */
public record MemoriesReviewed(String userId, List<UUID> memoryIds) {

    public MemoriesReviewed {
        memoryIds = List.copyOf(memoryIds);
    }
}
