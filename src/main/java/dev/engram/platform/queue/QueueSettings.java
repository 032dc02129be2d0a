package dev.engram.platform.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Names and delivery semantics of Engram's queues; each work queue has a dead-letter queue through a redrive policy. */
@ConfigMapping(prefix = "engram.queues")
public interface QueueSettings {

    /** Prefix of every queue name (a stack name on AWS). */
    @WithDefault("engram-")
    String prefix();

    /** Receives after which a message moves to its dead-letter queue (the redrive policy's maxReceiveCount). */
    @WithDefault("5")
    int maxReceiveCount();

    /** How long a received message stays invisible; must exceed the worker's timeout (AWS advises 6x). */
    @WithDefault("PT5M")
    Duration visibilityTimeout();

    /** Messages per batch the consumers take (Lambda batch size; SQS allows up to 10 per receive). */
    @WithDefault("10")
    int batchSize();

    /** The queue's full name for a logical name, e.g. {@code ingest} -> {@code engram-ingest}. */
    default String nameOf(String logical) {
        return prefix() + logical;
    }

    /** The dead-letter queue's full name for a logical queue name. */
    default String deadLetterNameOf(String logical) {
        return prefix() + logical + "-dlq";
    }
}
