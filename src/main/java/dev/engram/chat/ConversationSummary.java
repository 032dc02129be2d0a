package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One version of a conversation's summary.
 *
 * @param version    1, 2, ... in the order they were written
 * @param fromSeq    the first message of the window it added
 * @param toSeq      the last message it covers
 * @param content    the summary as text
 * @param structured {@code {topics, decisions: [{text, seq}], questions: [{question, answer, seq}], highlights}}
 * @param provider   the summary provider that wrote it
 * @param memoryId   the conversation's summary memory
 * @param createdAt  when it was written
 */
public record ConversationSummary(int version, int fromSeq, int toSeq, String content, JsonNode structured,
        String provider, UUID memoryId, OffsetDateTime createdAt) {
}
