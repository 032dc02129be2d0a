package dev.engram.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.engram.review.ExtractedMemory;
import java.util.List;

/**
 * Answer to an extraction request.
 *
 * @param taskId            the job, for progress
 * @param extractionId      the extraction, for review
 * @param status            processing | pending_review | auto_saved
 * @param state             the job's state
 * @param extractedMemories what was extracted so far (empty while processing)
 * @param error             why the job failed, if it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExtractResponse(String taskId, String extractionId, String status, String state,
        List<ExtractedMemory> extractedMemories, String error) {
}
