package dev.engram.review;

import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /api/v1/memories/extract/{extraction_id}/confirm}.
 *
 * @param confirmedIds memories to save as extracted
 * @param rejectedIds  memories to discard
 * @param edits        memories to save with changes (an edit implies confirmation)
 */
record ConfirmRequest(List<UUID> confirmedIds, List<UUID> rejectedIds, List<Edit> edits) {

    /**
     * A change to one extracted memory before it is saved.
     *
     * @param tempId     the memory to change
     * @param content    the new content, or null to keep it
     * @param memoryType the new type, or null to keep it
     */
    public record Edit(UUID tempId, String content, String memoryType) {
    }
}
