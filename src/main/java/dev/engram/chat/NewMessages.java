package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Body of {@code POST /api/v1/conversations/{id}/messages}: 1 to 100 messages, in the order they were written. With an
 * {@code Idempotency-Key} header it is also the request the key is bound to.
 *
 * @param messages the messages
 */
public record NewMessages(List<Item> messages) {

    /**
     * One message.
     *
     * @param role            user, twin or system ({@code assistant} is read as twin)
     * @param content         1 to 20,000 characters
     * @param metadata        a JSON object of at most 16 KB, optional
     * @param createdAt       ISO-8601 time it was written, optional: not in the future nor before the one before it
     * @param clientMessageId the client's key for it, unique in the conversation; a repeat gets the first answer
     */
    public record Item(String role, String content, JsonNode metadata, String createdAt, String clientMessageId) {
    }
}
