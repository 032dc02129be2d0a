package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A conversation as its owner sees it.
 *
 * @param id            its id
 * @param title         its title, null until one is given (or, later, a summary names it)
 * @param status        active or archived
 * @param context       what the client said it is about (a JSON object), or null
 * @param autoSave      whether memories extracted from it are saved without review
 * @param summary       its latest summary, or null
 * @param messageCount  messages it holds (the last seq)
 * @param summarizedToSeq the last seq its summary covers (0: none yet)
 * @param lastMessageAt when its newest message was written, or null
 * @param createdAt     when it was opened
 * @param updatedAt     its last change
 */
record Conversation(UUID id, String title, String status, JsonNode context, boolean autoSave, String summary,
        int messageCount, int summarizedToSeq, OffsetDateTime lastMessageAt, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
