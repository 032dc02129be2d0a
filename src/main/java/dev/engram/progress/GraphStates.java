package dev.engram.progress;

import java.util.Collection;
import java.util.Map;

/**
 * Where jobs' knowledge-graph work stands, for the progress answer and the job list; the graph feature answers it.
 * Jobs never wait for the graph: this is shown beside a job's state, never part of it.
 */
public interface GraphStates {

    /**
     * A job's graph work: {@code failed} when any chunk failed ({@code chunksFailed} of them), else {@code pending}
     * while any chunk waits, else {@code completed}.
     */
    record GraphState(String state, int chunksFailed) {
    }

    /** Per job of {@code jobIds} that has graph work, its state (a job without any is absent); one query for all. */
    Map<String, GraphState> of(String userId, Collection<String> jobIds);
}
