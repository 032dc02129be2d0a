package dev.engram.profile;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A user message that may say something about its writer: the only text insights are read from.
 *
 * @param messageId      the chat message
 * @param conversationId its conversation
 * @param seq            its seq there
 * @param content        what the user wrote
 * @param saidAt         when; a trait it supersedes is valid until then
 */
public record UserStatement(UUID messageId, UUID conversationId, int seq, String content, OffsetDateTime saidAt) {
}
