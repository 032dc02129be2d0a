package dev.engram.ingest;

import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Cancel, retry and purge a job: {@code /api/v1/jobs/{task_id}}. */
@Path("/api/v1/jobs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class JobControlResource {

    private final JobControl control;
    private final CurrentUser user;

    JobControlResource(JobControl control, CurrentUser user) {
        this.control = control;
        this.user = user;
    }

    @POST
    @Path("/{task_id}/cancel")
    public ExtractResponse cancel(@PathParam("task_id") String taskId) {
        return control.cancel(user.id(), taskId);
    }

    /** Starts a new job over the same input; answers with the new task. */
    @POST
    @Path("/{task_id}/retry")
    public Response retry(@PathParam("task_id") String taskId) {
        return Response.accepted(control.retry(user.id(), taskId)).build();
    }

    /** Deletes the job, its stored input, and every chunk and memory derived from it. */
    @DELETE
    @Path("/{task_id}")
    public Response purge(@PathParam("task_id") String taskId) {
        control.purge(user.id(), taskId);
        return Response.noContent().build();
    }
}
