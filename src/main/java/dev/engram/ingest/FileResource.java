package dev.engram.ingest;

import dev.engram.platform.errors.Invalid;
import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** File submissions in the request: {@code POST /api/v1/memories/extract/file}. */
@Path("/api/v1/memories")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FileResource {

    private final FileIngestService files;
    private final CurrentUser user;

    FileResource(FileIngestService files, CurrentUser user) {
        this.files = files;
        this.user = user;
    }

    /** Multipart form: {@code file} (pdf, docx, doc, md, txt), {@code extract_types}, {@code reference_date}. */
    @POST
    @Path("/extract/file")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response extractFile(@RestForm("file") FileUpload file, @RestForm("extract_types") String types,
            @RestForm("reference_date") String referenceDate, @RestForm("timezone") String timezone,
            @RestForm("auto_save") Boolean autoSave, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (file == null) {
            throw Invalid.field("file", "a multipart part named 'file' is required");
        }
        var options = FileSubmission.options(types, referenceDate, timezone, autoSave);
        var answer = files.submitFile(user.id(), file.fileName(), file.uploadedFile(), file.contentType(), options,
                idempotencyKey);
        return Response.accepted(answer).build();
    }
}
