package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One stored chat message with its processing state.
 *
 * @param id               its id
 * @param seq              its position in the conversation, from 1, gapless
 * @param role             user, twin or system
 * @param content          its text, null once purged
 * @param metadata         what the client attached (a JSON object)
 * @param clientMessageId  the client's idempotency key, or null
 * @param importanceScore  {@link MessageImportance}'s score once the chat stage has seen it, else null
 * @param processing       pending, completed or failed
 * @param skipReason       low_importance or not_user when nothing was extracted from it on purpose, else null
 * @param error            why processing failed, else null
 * @param taskId           the job extracting memories from its request's user messages, or null
 * @param createdAt        when it was written (the client's time, if it gave one)
 */
public record ChatMessage(UUID id, int seq, String role, String content, JsonNode metadata, String clientMessageId,
        Double importanceScore, String processing, String skipReason, String error, String taskId,
        OffsetDateTime createdAt) {
}
