package dev.engram.progress;

import dev.engram.platform.errors.NotFound;
import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Progress of one job. Another user's job answers 404, like a missing one. */
@Path("/api/v1/memories")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    private final JobStore jobs;
    private final CurrentUser user;
    private final ProgressWatch watch;
    private final GraphStates graph;

    ProgressResource(JobStore jobs, CurrentUser user, ProgressWatch watch, GraphStates graph) {
        this.graph = graph;
        this.jobs = jobs;
        this.user = user;
        this.watch = watch;
    }

    @GET
    @Path("/extract/{task_id}/progress")
    public ProgressView progress(@PathParam("task_id") String taskId) {
        Job job = owned(taskId);
        return ProgressView.of(job).withGraph(graph.of(job.userId(), List.of(taskId)).get(taskId));
    }

    /**
     * The same progress as server-sent events ({@code Accept: text/event-stream}): the current state at once, then
     * every change, the final state last, then the stream ends. For clients without WebSockets; needs a server that
     * streams (the local one: API Gateway's HTTP API buffers responses, so on AWS use the WebSocket API).
     */
    @GET
    @Path("/extract/{task_id}/progress")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<ProgressView> stream(@PathParam("task_id") String taskId) {
        ProgressView first = ProgressView.of(owned(taskId));
        return Multi.createFrom().emitter(emitter -> {
            emitter.emit(first);
            if (first.finished()) {
                emitter.complete();
                return;
            }
            var subscription = watch.watch(taskId, first, new ProgressWatch.Listener() {
                @Override
                public void changed(ProgressView view) {
                    emitter.emit(view);
                    if (view.finished()) {
                        emitter.complete();
                    }
                }

                @Override
                public void gone() {
                    emitter.complete();
                }
            });
            emitter.onTermination(subscription::cancel);
        });
    }

    private Job owned(String taskId) {
        return jobs.findOwned(taskId, user.id()).orElseThrow(() -> new NotFound("task " + taskId));
    }
}
