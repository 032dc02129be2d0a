package dev.engram.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A bulk group and its jobs.
 *
 * @param groupId        the group
 * @param status         processing | completed | completed_with_errors | failed
 * @param progress       0-100 over all items
 * @param totalItems     items in the group
 * @param completedItems items whose job completed (with or without errors)
 * @param failedItems    items whose job failed or was cancelled
 * @param items          each item's job
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BulkAnswer(String groupId, String status, int progress, int totalItems, int completedItems,
        int failedItems, List<ItemJob> items) {

    /** One item's job. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemJob(int index, String taskId, String extractionId, String state, int progress, String error) {
    }
}
