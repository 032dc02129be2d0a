package dev.engram.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller's profile: insights learned from their own chat messages, with evidence. */
@Path("/api/v1/profile")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private final ProfileService profile;
    private final CurrentUser user;

    ProfileResource(ProfileService profile, CurrentUser user) {
        this.profile = profile;
        this.user = user;
    }

    /** Insights by category: {@code category}, {@code min_confidence} (0.6), {@code include=history}. */
    @GET
    public ProfileService.Profile get(@QueryParam("category") String category,
            @QueryParam("min_confidence") String minConfidence, @QueryParam("include") String include) {
        return profile.profile(user.id(), category, minConfidence, include);
    }

    /** Corrects an insight (its source becomes manual). */
    @PATCH
    @Path("/insights/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProfileInsight correct(@PathParam("id") String id, JsonNode body) {
        return profile.correct(user.id(), id, body);
    }

    /** Rejects an insight. */
    @DELETE
    @Path("/insights/{id}")
    public Response reject(@PathParam("id") String id) {
        profile.reject(user.id(), id);
        return Response.noContent().build();
    }
}
