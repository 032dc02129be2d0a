package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Feedback on a chat message. Another user's message answers 404, like a missing one. */
@Path("/api/v1/messages/{id}/feedback")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MessageFeedbackResource {

    private final MessageFeedbackService feedback;
    private final CurrentUser user;

    MessageFeedbackResource(MessageFeedbackService feedback, CurrentUser user) {
        this.feedback = feedback;
        this.user = user;
    }

    /** {@code {reaction_type, comment?}} → 201; applied to the insights the message cites shortly after. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response give(@PathParam("id") String id, JsonNode body) {
        return Response.status(201).entity(feedback.give(user.id(), id, body)).build();
    }

    @GET
    public MessageFeedbackService.FeedbackList list(@PathParam("id") String id) {
        return feedback.list(user.id(), id);
    }
}
