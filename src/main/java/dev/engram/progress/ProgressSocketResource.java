package dev.engram.progress;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Where a client follows progress live: this server's own socket ({@code …/extract/{task_id}/ws}) or, on AWS, where
 * the API function's HTTP API serves no WebSockets, the stack's WebSocket API ({@code engram.progress.aws-socket.url}).
 */
@Path("/api/v1/progress/socket")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProgressSocketResource {

    private final SocketSettings settings;

    ProgressSocketResource(SocketSettings settings) {
        this.settings = settings;
    }

    @GET
    public ProgressSocketView socket() {
        return settings.url().filter(url -> !url.isBlank()).map(ProgressSocketView::subscribe)
                .orElse(ProgressSocketView.PATH);
    }
}
