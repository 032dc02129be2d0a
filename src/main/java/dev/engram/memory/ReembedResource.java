package dev.engram.memory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Re-embedding after a model change, for admins: start it and watch it. */
@Path("/api/v1/admin/reembed")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class ReembedResource {

    private final ReembedService reembed;

    ReembedResource(ReembedService reembed) {
        this.reembed = reembed;
    }

    /** Starts re-embedding every memory whose vector is not from the configured model. */
    @POST
    public Response start() {
        return Response.accepted(reembed.start()).build();
    }

    @GET
    public ReembedService.Status status() {
        return reembed.status();
    }
}
