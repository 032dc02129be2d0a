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
     * Handles a batch together, where that is cheaper than one message at a time. Every message that is neither
     * returned for {@link #consume} nor reported failed is acknowledged, so it must have been handled completely. The
     * default handles none together.
     */
    default BatchOutcome consumeTogether(List<QueueMessage> messages) {
        return new BatchOutcome(messages, List.of());
    }

    /**
     * What a stage did with a batch.
     *
     * @param oneByOne messages left for {@link #consume}, one at a time
     * @param failed   ids of messages that failed and go back to the queue
     */
    record BatchOutcome(List<QueueMessage> oneByOne, List<String> failed) {
    }
}
