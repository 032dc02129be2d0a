package dev.engram.progress;

import java.time.Instant;

/**
 * A job's record in the job table: who submitted what, and how far its processing got.
 *
 * @param taskId            the job's id (also the progress handle)
 * @param extractionId      the id of its extraction (the review handle)
 * @param userId            the owner
 * @param source            manual | file | integration | chat | upload | drop:&lt;key&gt;
 * @param sourceId          the caller's reference, if any
 * @param inputKey          the raw input's object key
 * @param contentType       the raw input's detected or declared type
 * @param state             lifecycle state
 * @param stage             what is happening now (queued, splitting, extracting, done)
 * @param extractionStatus  review status of its extraction
 * @param totalChunks       chunk count once split, else null
 * @param chunksDone        chunks processed successfully
 * @param chunksFailed      chunks that failed for good
 * @param memoriesExtracted memories stored for review
 * @param error             why it failed or which chunks failed
 * @param options           what the submitter asked for
 * @param splitDone         whether every chunk message was sent
 * @param createdAt         submission time
 * @param updatedAt         last change
 */
public record Job(String taskId, String extractionId, String userId, String source, String sourceId,
        String inputKey, String contentType, JobState state, String stage, ExtractionStatus extractionStatus,
        Integer totalChunks, int chunksDone, int chunksFailed, int memoriesExtracted, String error,
        JobOptions options, boolean splitDone, Instant createdAt, Instant updatedAt) {

    /** A job just accepted: pending, nothing counted yet. */
    public static Job accepted(String taskId, String userId, String source, String sourceId, String inputKey,
            String contentType, JobOptions options) {
        Instant now = Instant.now();
        String extractionId = JobIds.extractionId(taskId.substring("tsk_".length()));
        return new Job(taskId, extractionId, userId, source, sourceId, inputKey, contentType, JobState.PENDING,
                "queued", ExtractionStatus.PROCESSING, null, 0, 0, 0, null, options, false, now, now);
    }

    /** Progress 0-100: splitting counts as the first 5 %, chunks share the rest. */
    public int progressPercent() {
        if (state == JobState.COMPLETED || state == JobState.COMPLETED_WITH_ERRORS || state == JobState.FAILED) {
            return 100;
        }
        if (totalChunks == null || totalChunks == 0) {
            return state == JobState.PROCESSING ? 2 : 0;
        }
        int finished = Math.min(totalChunks, chunksDone + chunksFailed);
        return 5 + (int) Math.floor(94.0 * finished / totalChunks);
    }
}
