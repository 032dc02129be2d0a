package dev.engram.graph;

import dev.engram.progress.GraphStates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The graph's answer to {@link GraphStates}: jobs' graph work, counted in one query per page of jobs. */
@ApplicationScoped
class GraphWorkStates implements GraphStates {

    private final GraphWorkRepository work;

    GraphWorkStates(GraphWorkRepository work) {
        this.work = work;
    }

    @Override
    public Map<String, GraphState> of(String userId, Collection<String> jobIds) {
        Map<String, GraphState> out = new HashMap<>();
        work.countsOfJobs(userId, jobIds).forEach((job, c) -> out.put(job, new GraphState(
                c.failed() > 0 ? "failed" : c.pending() > 0 ? "pending" : "completed", c.failed())));
        return out;
    }
}
