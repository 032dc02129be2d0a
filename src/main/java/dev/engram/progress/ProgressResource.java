package dev.engram.progress;

import dev.engram.platform.web.ApiException;
import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Progress of one job and the caller's job list. Another user's job answers 404, like a missing one. */
@Path("/api/v1")
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
    @Path("/memories/extract/{task_id}/progress")
    public ProgressView progress(@PathParam("task_id") String taskId) {
        return jobs.findOwned(taskId, user.id()).map(ProgressView::of)
                .orElseThrow(() -> ApiException.notFound("task " + taskId));
    }

    /** The caller's jobs, newest first; pass {@code next_cursor} back as {@code cursor} for the next page. */
    @GET
    @Path("/jobs")
    public JobList list(@QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("limit must be between 1 and 100");
        }
        var page = jobs.listForUser(user.id(), limit, cursor);
        return new JobList(page.jobs().stream().map(JobView::of).toList(), page.nextCursor());
    }

    /** A page of jobs. */
    public record JobList(List<JobView> jobs, String nextCursor) {
    }
}
