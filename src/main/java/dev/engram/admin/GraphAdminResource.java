package dev.engram.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The knowledge graph for operators: {@code POST /api/v1/admin/graph/rebuild}, {@code GET /api/v1/admin/graph/stats}. */
@Path("/api/v1/admin/graph")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class GraphAdminResource {

    private final GraphAdminService graph;

    GraphAdminResource(GraphAdminService graph) {
        this.graph = graph;
    }

    /** The body of a rebuild: whose chunks ({@code user_id}; absent: every user's). */
    public record RebuildRequest(String userId) {
    }

    /** Requests the graph of every stored chunk that has none: 202, the graph stage does the work. */
    @POST
    @Path("/rebuild")
    public Response rebuild(RebuildRequest request) {
        return Response.accepted(graph.rebuild(request == null ? null : request.userId())).build();
    }

    /** The graph queue's depth and dead letters, and the pending and failed work with the oldest pending's age. */
    @GET
    @Path("/stats")
    public GraphAdminService.Stats stats() {
        return graph.stats();
    }
}
