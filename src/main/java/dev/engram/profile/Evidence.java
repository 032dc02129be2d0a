package dev.engram.profile;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Why an insight is believed or doubted.
 *
 * @param messageId      the message
 * @param conversationId its conversation
 * @param seq            its seq there
 * @param supportingText the words of the message that say so
 * @param kind           support, feedback or contradiction
 * @param delta          how much it moved the insight's confidence
 * @param createdAt      when it was recorded
 */
record Evidence(UUID messageId, UUID conversationId, int seq, String supportingText, String kind,
        double delta, OffsetDateTime createdAt) {
}
