package dev.engram.platform.queue;

import java.time.Instant;

/**
 * One delivered queue message, as a Lambda SQS event or the local runner hands it over.
 *
 * @param messageId    the queue's id for this message
 * @param body         the message body
 * @param receiveCount how many times it has been received, this delivery included
 * @param lastAttempt  true when a failure now sends it to the dead-letter queue
 * @param deadline     when its handling must be over (its share of what is left of the invocation), or null for no
 *                     bound; a stage that cannot finish by then fails the message with the reason instead of being
 *                     killed with its batch
 */
public record QueueMessage(String messageId, String body, int receiveCount, boolean lastAttempt, Instant deadline) {

    /** A message without a deadline. */
    public QueueMessage(String messageId, String body, int receiveCount, boolean lastAttempt) {
        this(messageId, body, receiveCount, lastAttempt, null);
    }

    /** This message with {@code until} as its deadline. */
    public QueueMessage until(Instant until) {
        return new QueueMessage(messageId, body, receiveCount, lastAttempt, until);
    }
}
