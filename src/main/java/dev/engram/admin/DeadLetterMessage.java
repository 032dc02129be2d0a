package dev.engram.admin;

/**
 * One message waiting in a dead-letter queue, as an operator sees it.
 *
 * @param messageId    the queue's id
 * @param taskId       the job it belongs to, when the body names one
 * @param chunk        the chunk index, for chunk messages
 * @param reason       the failure recorded on the job, if any
 * @param receiveCount how often it has been received (this peek included)
 * @param sentAt       when it was first sent (ISO instant), if known
 */
public record DeadLetterMessage(String messageId, String taskId, Integer chunk, String reason, int receiveCount,
        String sentAt) {
}
