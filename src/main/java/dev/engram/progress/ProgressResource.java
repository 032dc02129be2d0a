package dev.engram.progress;

import dev.engram.platform.web.ApiException;
import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Progress of one job. Another user's job answers 404, like a missing one. */
@Path("/api/v1/memories")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    private final JobStore jobs;
    private final CurrentUser user;

    ProgressResource(JobStore jobs, CurrentUser user) {
        this.jobs = jobs;
        this.user = user;
    }

    @GET
    @Path("/extract/{task_id}/progress")
    public ProgressView progress(@PathParam("task_id") String taskId) {
        return jobs.findOwned(taskId, user.id()).map(ProgressView::of)
                .orElseThrow(() -> ApiException.notFound("task " + taskId));
    }
}
