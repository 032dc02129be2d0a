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

/** Presigned uploads for files too big for a request: {@code POST /api/v1/uploads}. */
@Path("/api/v1/uploads")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

    private final FileIngestService files;
    private final CurrentUser user;

    UploadResource(FileIngestService files, CurrentUser user) {
        this.files = files;
        this.user = user;
    }

    /** A presigned PUT URL and the job that starts when the object lands. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response upload(UploadRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return Response.status(201).entity(files.createUpload(user.id(), request, idempotencyKey)).build();
    }
}
