package dev.engram.chat;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A reaction to a chat message.
 *
 * @param id             its id
 * @param messageId      the message
 * @param conversationId the message's conversation
 * @param reactionType   helpful, insightful, incorrect or not_relevant
 * @param comment        what the user added, or null
 * @param appliedAt      when it was applied to the insights the message cites, null until then
 * @param createdAt      when it was given
 */
record MessageFeedback(UUID id, UUID messageId, UUID conversationId, String reactionType, String comment,
        OffsetDateTime appliedAt, OffsetDateTime createdAt) {
}
