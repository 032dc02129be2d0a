package dev.engram.memory;

import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** The caller's saved memories and search over them. Another user's memory answers 404, like a missing one. */
@Path("/api/v1/memories")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MemoryResource {

    private final MemoryService memories;
    private final SearchService search;
    private final CurrentUser user;

    MemoryResource(MemoryService memories, SearchService search, CurrentUser user) {
        this.memories = memories;
        this.search = search;
        this.user = user;
    }

    /** Lists memories newest first; filters combine; pass {@code next_cursor} back as {@code cursor}. */
    @GET
    public MemoryService.Page list(@QueryParam("type") String type, @QueryParam("tag") String tag,
            @QueryParam("source") String source, @QueryParam("created_after") String createdAfter,
            @QueryParam("created_before") String createdBefore, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("cursor") String cursor) {
        return memories.list(user.id(),
                MemoryQuery.parse(type, tag, source, createdAfter, createdBefore, limit, cursor));
    }

    @GET
    @Path("/{id}")
    public MemoryView get(@PathParam("id") UUID id) {
        return memories.get(user.id(), id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MemoryView update(@PathParam("id") UUID id, MemoryUpdate update) {
        return memories.update(user.id(), id, update);
    }

    /** Soft delete: the memory leaves lists and search and can be restored. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") UUID id) {
        memories.delete(user.id(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/restore")
    public MemoryView restore(@PathParam("id") UUID id) {
        return memories.restore(user.id(), id);
    }

    /** Hybrid semantic and full-text search. */
    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public SearchResults search(SearchRequest request) {
        return new SearchResults(search.search(user.id(), request));
    }

    /** Search results, best first. */
    public record SearchResults(List<SearchHit> results) {
    }
}
