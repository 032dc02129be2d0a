package dev.engram.platform.queue;

/**
 * One delivered queue message, as a Lambda SQS event or the local runner hands it over.
 *
 * @param messageId    the queue's id for this message
 * @param body         the message body
 * @param receiveCount how many times it has been received, this delivery included
 * @param lastAttempt  true when a failure now sends it to the dead-letter queue
 */
public record QueueMessage(String messageId, String body, int receiveCount, boolean lastAttempt) {
}
