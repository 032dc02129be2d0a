package dev.engram.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A job in the caller's job list. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobView(String taskId, String extractionId, String source, String sourceId, String state,
        String extractionStatus, int progress, Integer totalChunks, int memoriesExtracted, String error,
        Instant createdAt, Instant updatedAt, String graphState, Integer graphChunksFailed) {

    /** The job, with its graph work if it has any (else {@code graph} is null and the graph fields are left out). */
    public static JobView of(Job j, GraphStates.GraphState graph) {
        return new JobView(j.taskId(), j.extractionId(), j.source(), j.sourceId(), j.state().wire(),
                j.extractionStatus().wire(), j.progressPercent(), j.totalChunks(), j.memoriesExtracted(), j.error(),
                j.createdAt(), j.updatedAt(), graph == null ? null : graph.state(),
                graph == null || graph.chunksFailed() == 0 ? null : graph.chunksFailed());
    }
}
