package dev.engram.ingest;

import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Bulk extraction as a group with its own progress. */
@Path("/api/v1/memories")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class BulkResource {

    private final BulkService bulk;
    private final CurrentUser user;

    BulkResource(BulkService bulk, CurrentUser user) {
        this.bulk = bulk;
        this.user = user;
    }

    @POST
    @Path("/extract/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(BulkRequest request) {
        return Response.accepted(bulk.submit(user.id(), request)).build();
    }

    @GET
    @Path("/extract/bulk/{group_id}")
    public BulkAnswer progress(@PathParam("group_id") String groupId) {
        return bulk.progress(user.id(), groupId);
    }
}
