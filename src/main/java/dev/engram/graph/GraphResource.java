package dev.engram.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * The caller's knowledge graph: entities by name, everything about a name at a date, neighbourhoods and paths, and
 * the curation of facts and entities (confirm, reject, end, merge, undo) with the merges worth making.
 */
@Path("/api/v1/graph")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GraphResource {

    private final GraphReader graph;
    private final GraphTraversal traversal;
    private final GraphCuration curation;
    private final CurrentUser user;

    GraphResource(GraphReader graph, GraphTraversal traversal, GraphCuration curation, CurrentUser user) {
        this.graph = graph;
        this.traversal = traversal;
        this.curation = curation;
        this.user = user;
    }

    /** Entities whose name or alias contains {@code q}, of {@code type} if given. */
    @GET
    @Path("/entities")
    public GraphReader.EntityPage entities(@QueryParam("q") String q, @QueryParam("type") String type,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("20") int limit) {
        return graph.entities(user.id(), q, type, cursor, limit);
    }

    @GET
    @Path("/entities/{id}")
    public GraphReader.EntityView entity(@PathParam("id") UUID id) {
        return graph.entity(user.id(), id);
    }

    /** Everything about {@code name} as of a date: facts, history, memories, mentions; or the candidates. */
    @GET
    @Path("/about")
    public GraphReader.About about(@QueryParam("name") String name, @QueryParam("as_of") String asOf) {
        return graph.about(user.id(), name, asOf);
    }

    /** The entities and facts within {@code depth} hops of an entity. */
    @GET
    @Path("/entities/{id}/neighbors")
    public GraphTraversal.Neighbors neighbors(@PathParam("id") UUID id, @QueryParam("depth") @DefaultValue("1")
            int depth, @QueryParam("type") String type, @QueryParam("as_of") String asOf,
            @QueryParam("include") String include) {
        return traversal.neighbors(user.id(), id, depth, type, asOf, include);
    }

    /** The shortest paths between two entities. */
    @GET
    @Path("/paths")
    public GraphTraversal.Paths paths(@QueryParam("from") UUID from, @QueryParam("to") UUID to,
            @QueryParam("max_depth") @DefaultValue("4") int maxDepth, @QueryParam("as_of") String asOf) {
        return traversal.paths(user.id(), from, to, maxDepth, asOf);
    }

    @POST
    @Path("/entities/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    public GraphCuration.MergeView merge(@PathParam("id") UUID id, JsonNode body) {
        return curation.merge(user.id(), id, body);
    }

    @POST
    @Path("/entities/{id}/reject")
    public GraphReader.EntityView rejectEntity(@PathParam("id") UUID id) {
        return curation.rejectEntity(user.id(), id);
    }

    @POST
    @Path("/merges/{id}/undo")
    public GraphCuration.MergeView undo(@PathParam("id") UUID id) {
        return curation.undo(user.id(), id);
    }

    /** Pairs of entities that may be one, to merge or leave. */
    @GET
    @Path("/merge-candidates")
    public GraphCuration.Candidates mergeCandidates() {
        return curation.mergeCandidates(user.id());
    }

    @GET
    @Path("/relationships/{id}")
    public GraphCuration.RelationshipView relationship(@PathParam("id") UUID id) {
        return curation.relationship(user.id(), id);
    }

    /** Ends a fact: {@code {valid_to}}. */
    @PATCH
    @Path("/relationships/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public GraphCuration.RelationshipView update(@PathParam("id") UUID id, JsonNode body) {
        return curation.update(user.id(), id, body);
    }

    @POST
    @Path("/relationships/{id}/confirm")
    public GraphCuration.RelationshipView confirm(@PathParam("id") UUID id) {
        return curation.confirm(user.id(), id);
    }

    @POST
    @Path("/relationships/{id}/reject")
    public GraphCuration.RelationshipView reject(@PathParam("id") UUID id) {
        return curation.reject(user.id(), id);
    }
}
