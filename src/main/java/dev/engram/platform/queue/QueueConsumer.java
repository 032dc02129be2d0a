package dev.engram.platform.queue;

import java.util.List;

/**
 * A pipeline stage fed by a queue. The local runner and the Lambda handlers find stages through CDI, so the platform
 * never depends on a feature. Consumers must be idempotent: a message may arrive more than once.
 */
public interface QueueConsumer {

    /** The logical queue this stage reads (see {@link QueueNames}). */
    String queue();

    /**
     * Handles one message. Returning normally acknowledges it; throwing leaves it on the queue for another delivery
     * (and, after the last one, the dead-letter queue).
     */
    void consume(QueueMessage message) throws Exception;

    /**
     * Handles a batch together, where that is cheaper than one message at a time, and returns the messages it left
     * for {@link #consume}: those it could not handle together. Every message it does not return is acknowledged,
     * so it must have been handled completely. The default handles none together.
     */
    default List<QueueMessage> consumeTogether(List<QueueMessage> messages) {
        return messages;
    }
}
