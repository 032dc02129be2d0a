package dev.engram.chat;

import java.util.UUID;

/**
 * Chat-queue message: summarize the conversation up to {@code toSeq}, one version per window of
 * {@code engram.chat.summary-every} messages after what is summarized already. Idempotency key:
 * {@code (conversationId, toSeq)}; a request whose messages are summarized already is acknowledged without work.
 *
 * @param kind           always {@link #KIND}: tells it apart from {@link ChatMessagesAdded} on the same queue
 * @param conversationId the conversation
 * @param userId         its owner
 * @param toSeq          the last message to cover
 * @param taskId         the job a manual request follows its progress with, or null
 */
record SummarizeRequested(String kind, UUID conversationId, String userId, int toSeq, String taskId) {

    public static final String KIND = "summarize_requested";

    /** A request of this kind. */
    public static SummarizeRequested of(UUID conversationId, String userId, int toSeq, String taskId) {
        return new SummarizeRequested(KIND, conversationId, userId, toSeq, taskId);
    }
}
