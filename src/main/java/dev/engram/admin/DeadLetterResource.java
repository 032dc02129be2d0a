package dev.engram.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Dead-letter queues for operators: {@code GET /api/v1/admin/dlq}, {@code POST /api/v1/admin/dlq/{queue}/redrive}. */
@Path("/api/v1/admin/dlq")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetterService deadLetters;

    DeadLetterResource(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Each dead-letter queue's depth and a peek at up to {@code peek} (max 10) messages. */
    @GET
    public List<DeadLetterQueueView> list(@QueryParam("peek") @DefaultValue("10") int peek) {
        return deadLetters.overview(peek);
    }

    /** Moves a dead-letter queue's messages back to its work queue: 202, the move runs in the background. */
    @POST
    @Path("/{queue}/redrive")
    public Response redrive(@PathParam("queue") String queue) {
        return Response.accepted(deadLetters.redrive(queue)).build();
    }
}
