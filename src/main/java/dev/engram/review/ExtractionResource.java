package dev.engram.review;

import dev.engram.platform.errors.NotFound;
import dev.engram.platform.web.CurrentUser;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobStore;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** An extraction and its proposed memories: {@code GET /api/v1/memories/extract/{extraction_id}}. */
@Path("/api/v1/memories")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ExtractionResource {

    private final JobStore jobs;
    private final ReviewService review;
    private final ConfirmService confirm;
    private final CurrentUser user;

    ExtractionResource(JobStore jobs, ReviewService review, ConfirmService confirm, CurrentUser user) {
        this.jobs = jobs;
        this.review = review;
        this.confirm = confirm;
        this.user = user;
    }

    /** Saves confirmed and edited memories, discards rejected ones. */
    @POST
    @Path("/extract/{extraction_id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public ConfirmResponse confirm(@PathParam("extraction_id") String extractionId, ConfirmRequest request) {
        return confirm.confirm(user.id(), extractionId, request);
    }

    @GET
    @Path("/extract/{extraction_id}")
    public ExtractionView get(@PathParam("extraction_id") String extractionId) {
        String userId = user.id();
        Job job = JobIds.taskOfExtraction(extractionId).flatMap(t -> jobs.findOwned(t, userId))
                .orElseThrow(() -> new NotFound("extraction " + extractionId));
        return new ExtractionView(job.extractionId(), job.taskId(), job.extractionStatus().wire(),
                job.state().wire(), job.error(), review.proposed(userId, job.extractionId()));
    }
}
