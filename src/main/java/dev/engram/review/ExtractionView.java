package dev.engram.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An extraction as its owner reviews it.
 *
 * @param extractionId      the extraction
 * @param taskId            the job that produced it
 * @param status            processing | pending_review | auto_saved | reviewed | expired
 * @param state             the job's state
 * @param error             why the job failed or which chunks failed
 * @param extractedMemories the proposed memories with their review status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExtractionView(String extractionId, String taskId, String status, String state, String error,
        List<ExtractedMemory> extractedMemories) {
}
