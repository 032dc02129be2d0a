package dev.engram.ingest;

import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Text submissions: {@code POST /api/v1/memories/extract}. */
@Path("/api/v1/memories")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ExtractResource {

    private final IngestService ingest;
    private final CurrentUser user;

    ExtractResource(IngestService ingest, CurrentUser user) {
        this.ingest = ingest;
        this.user = user;
    }

    /** Extracts memories from text: 202 while processing, 200 with the memories when done inline. */
    @POST
    @Path("/extract")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response extract(ExtractRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        ExtractResponse answer = ingest.submitText(user.id(), request, idempotencyKey);
        return Response.status("processing".equals(answer.status()) ? 202 : 200).entity(answer).build();
    }
}
