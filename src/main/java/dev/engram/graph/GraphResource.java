package dev.engram.graph;

import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The caller's knowledge graph: entities by name and everything about a name at a date. */
@Path("/api/v1/graph")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GraphResource {

    private final GraphReader graph;
    private final CurrentUser user;

    GraphResource(GraphReader graph, CurrentUser user) {
        this.graph = graph;
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
}
