package dev.engram.progress;

import dev.engram.platform.errors.Malformed;
import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The caller's jobs, whatever started them (text, upload, drop folder). */
@Path("/api/v1/jobs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private final JobStore jobs;
    private final CurrentUser user;
    private final GraphStates graph;

    JobsResource(JobStore jobs, CurrentUser user, GraphStates graph) {
        this.graph = graph;
        this.jobs = jobs;
        this.user = user;
    }

    /** Newest first; pass {@code next_cursor} back as {@code cursor} for the next page. */
    @GET
    public JobList list(@QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > 100) {
            throw new Malformed("limit must be between 1 and 100");
        }
        var page = jobs.listForUser(user.id(), limit, cursor);
        var graphs = graph.of(user.id(), page.jobs().stream().map(Job::taskId).toList());
        return new JobList(page.jobs().stream().map(j -> JobView.of(j, graphs.get(j.taskId()))).toList(),
                page.nextCursor());
    }

    /** A page of jobs. */
    public record JobList(List<JobView> jobs, String nextCursor) {
    }
}
