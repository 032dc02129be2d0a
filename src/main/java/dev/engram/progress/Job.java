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
 * @param stage             what is happening now
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
 * @param pages             page-range progress of a big PDF parsed in ranges, else {@link PageProgress#NONE}
 */
public record Job(String taskId, String extractionId, String userId, String source, String sourceId,
        String inputKey, String contentType, JobState state, JobStage stage, ExtractionStatus extractionStatus,
        Integer totalChunks, int chunksDone, int chunksFailed, int memoriesExtracted, String error,
        JobOptions options, boolean splitDone, Instant createdAt, Instant updatedAt, PageProgress pages) {

    /**
     * How far the parsing of a document split into page ranges got.
     *
     * @param rangesTotal page ranges planned, or null when the document is parsed whole
     * @param rangesDone  ranges parsed and chunked
     * @param pagesTotal  pages in the document, or null
     * @param pagesDone   pages parsed
     */
    public record PageProgress(Integer rangesTotal, int rangesDone, Integer pagesTotal, int pagesDone) {

        public static final PageProgress NONE = new PageProgress(null, 0, null, 0);

        /** True while some planned range has not been parsed yet. */
        public boolean parsing() {
            return rangesTotal != null && rangesDone < rangesTotal;
        }
    }

    /** A job without page ranges. */
    public Job(String taskId, String extractionId, String userId, String source, String sourceId,
            String inputKey, String contentType, JobState state, JobStage stage, ExtractionStatus extractionStatus,
            Integer totalChunks, int chunksDone, int chunksFailed, int memoriesExtracted, String error,
            JobOptions options, boolean splitDone, Instant createdAt, Instant updatedAt) {
        this(taskId, extractionId, userId, source, sourceId, inputKey, contentType, state, stage, extractionStatus,
                totalChunks, chunksDone, chunksFailed, memoriesExtracted, error, options, splitDone, createdAt,
                updatedAt, PageProgress.NONE);
    }

    /** A job just accepted: pending, nothing counted yet. */
    public static Job accepted(String taskId, String userId, String source, String sourceId, String inputKey,
            String contentType, JobOptions options) {
        Instant now = Instant.now();
        String extractionId = JobIds.extractionId(taskId.substring("tsk_".length()));
        return new Job(taskId, extractionId, userId, source, sourceId, inputKey, contentType, JobState.PENDING,
                JobStage.QUEUED, ExtractionStatus.PROCESSING, null, 0, 0, 0, null, options, false, now, now);
    }

    /**
     * Progress 0-100: splitting counts as the first 5 % (the first 20 % when a big PDF is parsed page range by page
     * range), chunks share the rest.
     */
    public int progressPercent() {
        if (state == JobState.COMPLETED || state == JobState.COMPLETED_WITH_ERRORS || state == JobState.FAILED) {
            return 100;
        }
        if (pages.rangesTotal() != null && pages.pagesTotal() != null && pages.pagesTotal() > 0) {
            int parsed = (int) Math.floor(20.0 * pages.pagesDone() / pages.pagesTotal());
            int total = totalChunks == null ? 0 : totalChunks;
            int chunkShare = total == 0 ? 0 : (int) Math.floor(79.0 * (chunksDone + chunksFailed) / total
                    * pages.rangesDone() / pages.rangesTotal());
            return Math.min(99, parsed + chunkShare);
        }
        if (totalChunks == null || totalChunks == 0) {
            return state == JobState.PROCESSING ? 2 : 0;
        }
        int finished = Math.min(totalChunks, chunksDone + chunksFailed);
        return 5 + (int) Math.floor(94.0 * finished / totalChunks);
    }
}
