package dev.engram.progress;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job's progress as {@code GET …/extract/{task_id}/progress} shows it.
 *
 * @param taskId            the job
 * @param extractionId      its extraction
 * @param state             pending | processing | completed | completed_with_errors | failed | cancelled
 * @param progress          0-100
 * @param stage             queued | splitting | extracting | done
 * @param chunk             chunks finished so far
 * @param totalChunks       chunks in the job, once split
 * @param chunksFailed      chunks that failed for good
 * @param pagesDone         pages parsed so far, for a big PDF parsed in page ranges
 * @param totalPages        pages in that PDF
 * @param result            the outcome, once finished
 * @param error             why it failed, or which chunks failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressView(String taskId, String extractionId, String state, int progress, String stage,
        Integer chunk, Integer totalChunks, Integer chunksFailed, Integer pagesDone, Integer totalPages,
        Result result, String error, String graphState, Integer graphChunksFailed) {

    /** What a finished job produced. */
    public record Result(String extractionId, String status, int memoriesExtracted) {
    }

    /** Whether this is a final state: nothing changes after it. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean finished() {
        return JobState.fromWire(state).finished();
    }

    public static ProgressView of(Job job) {
        Integer finished = job.totalChunks() == null ? null : job.chunksDone() + job.chunksFailed();
        Result result = job.state().finished()
                ? new Result(job.extractionId(), job.extractionStatus().wire(), job.memoriesExtracted()) : null;
        return new ProgressView(job.taskId(), job.extractionId(), job.state().wire(), job.progressPercent(),
                job.stage().wire(), finished, job.totalChunks(), job.chunksFailed(),
                job.pages().pagesTotal() == null ? null : job.pages().pagesDone(), job.pages().pagesTotal(), result,
                job.error(), null, null);
    }

    /** This view with the job's graph work ({@code null}: the job has none, and the fields are left out). */
    public ProgressView withGraph(GraphStates.GraphState graph) {
        return graph == null ? this : new ProgressView(taskId, extractionId, state, progress, stage, chunk,
                totalChunks, chunksFailed, pagesDone, totalPages, result, error, graph.state(),
                graph.chunksFailed() > 0 ? graph.chunksFailed() : null);
    }
}
