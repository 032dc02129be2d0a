package dev.engram.chat;

import java.util.UUID;

/**
 * Chat-queue message: messages {@code fromSeq} to {@code toSeq} of a conversation were stored and wait for the chat
 * stage. Idempotency key: {@code (taskId, message)}; the stage keeps each message's first verdict.
 *
 * @param conversationId the conversation
 * @param userId         its owner
 * @param fromSeq        the first new message's seq
 * @param toSeq          the last new message's seq
 * @param taskId         the job for the user messages among them, or null when there were none
 */
record ChatMessagesAdded(UUID conversationId, String userId, int fromSeq, int toSeq, String taskId) {
}
