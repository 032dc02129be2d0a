package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.platform.web.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Conversations and their messages. Another user's conversation answers 404, like a missing one. */
@Path("/api/v1/conversations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ConversationService conversations;
    private final MessageIntake intake;
    private final CurrentUser user;

    ConversationResource(ConversationService conversations, MessageIntake intake, CurrentUser user) {
        this.conversations = conversations;
        this.intake = intake;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewConversation body) {
        return Response.status(201).entity(conversations.create(user.id(), body)).build();
    }

    /** Newest first; pass {@code next_cursor} back as {@code cursor}. */
    @GET
    public ConversationService.Page list(@QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("cursor") String cursor) {
        return conversations.list(user.id(), status, limit, cursor);
    }

    @GET
    @Path("/{id}")
    public Conversation get(@PathParam("id") String id) {
        return conversations.get(user.id(), id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Conversation update(@PathParam("id") String id, JsonNode body) {
        return conversations.update(user.id(), id, body);
    }

    /** Deletes the conversation and its messages. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        conversations.delete(user.id(), id);
        return Response.noContent().build();
    }

    /**
     * Stores messages; {@code id} may be {@code current}. A repeat with the same {@code Idempotency-Key} and body
     * answers as the first time; the key with another request answers 409.
     */
    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("id") String id, @HeaderParam("Idempotency-Key") String idempotencyKey,
            NewMessages body) {
        return Response.status(201).entity(intake.post(user.id(), id, body, idempotencyKey)).build();
    }

    /** Summarizes up to the last message: 202 with the job to follow, or 200 {@code changed: false}. */
    @POST
    @Path("/{id}/summarize")
    public Response summarize(@PathParam("id") String id) {
        ConversationService.SummaryRequest r = conversations.summarize(user.id(), id);
        return Response.status(r.taskId() == null ? 200 : 202).entity(r).build();
    }

    /** The summary versions, oldest first. */
    @GET
    @Path("/{id}/summaries")
    public ConversationService.SummaryList summaries(@PathParam("id") String id) {
        return conversations.summaries(user.id(), id);
    }

    /** Messages after {@code after_seq}, oldest first, with their processing state. */
    @GET
    @Path("/{id}/messages")
    public ConversationService.MessagePage messages(@PathParam("id") String id,
            @QueryParam("after_seq") @DefaultValue("0") int afterSeq,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return conversations.messages(user.id(), id, afterSeq, limit);
    }
}
