package dev.engram.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.engram.platform.persistence.JsonColumns;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An extracted memory as the API shows it for review.
 *
 * @param tempId        the id to confirm, reject or edit it by
 * @param content       the memory
 * @param memoryType    its type
 * @param confidence    0..1
 * @param metadata      typed details (assignee, due_date, ...)
 * @param suggestedTags tags
 * @param status        pending | confirmed | rejected | expired | duplicate
 * @param duplicateOf   the memory it duplicates, when status is duplicate
 * @param memoryId      the saved memory, once confirmed
 * @param chunkIndex    the chunk it came from
 * @param excerpt       the source text it was extracted from, with where it is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtractedMemory(UUID tempId, String content, String memoryType, double confidence,
        Map<String, Object> metadata, List<String> suggestedTags, String status, UUID duplicateOf, UUID memoryId,
        int chunkIndex, Excerpt excerpt) {

    /**
     * Where in the source a memory came from.
     *
     * @param text       the supporting text
     * @param chunkIndex its chunk
     * @param page       its page, for paged documents
     * @param charStart  offset of the text within the chunk
     * @param charEnd    end offset within the chunk
     * @param messageId  the chat message it came from, for memories of a conversation
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Excerpt(String text, int chunkIndex, Integer page, Integer charStart, Integer charEnd,
            UUID messageId) {
    }

    static ExtractedMemory of(PendingMemory p, Excerpt excerpt) {
        return new ExtractedMemory(p.id, p.content, p.memoryType, Math.round(p.confidence * 1000) / 1000.0,
                JsonColumns.object(p.metadataJson), JsonColumns.strings(p.tagsJson), p.status,
                p.duplicateOf, p.memoryId, p.chunkIndex, excerpt);
    }
}
