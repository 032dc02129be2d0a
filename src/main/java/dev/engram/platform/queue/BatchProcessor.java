package dev.engram.platform.queue;

import dev.engram.platform.logging.LogContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs a batch of messages through the stage that owns their queue and reports which failed, with Lambda's
 * partial-batch semantics: successes are acknowledged, failures are redelivered and eventually dead-lettered.
 */
@ApplicationScoped
public class BatchProcessor {

    private static final Logger LOG = Logger.getLogger(BatchProcessor.class);

    private final Map<String, QueueConsumer> consumers = new HashMap<>();
    private final QueueSettings settings;

    BatchProcessor(Instance<QueueConsumer> stages, QueueSettings settings) {
        this.settings = settings;
        for (QueueConsumer stage : stages) {
            QueueConsumer previous = consumers.put(stage.queue(), stage);
            if (previous != null) {
                throw new IllegalStateException("two stages read queue " + stage.queue());
            }
        }
    }

    /** The logical queues that have a stage. */
    public List<String> queues() {
        return List.copyOf(consumers.keySet());
    }

    /** Whether a message received {@code receiveCount} times goes to the dead-letter queue if it fails now. */
    public boolean isLastAttempt(int receiveCount) {
        return receiveCount >= settings.maxReceiveCount();
    }

    /**
     * Processes a batch, together where its stage can (see {@link QueueConsumer#consumeTogether}) and otherwise one
     * by one, and returns the ids of the messages that failed.
     *
     * @param queue    the logical queue the messages came from
     * @param messages the batch
     */
    public List<String> process(String queue, List<QueueMessage> messages) {
        return process(queue, messages, null);
    }

    /**
     * Processes a batch as {@link #process(String, List)} within an invocation that ends at {@code until} (Lambda's
     * remaining time less a reserve for reporting; the local runner's equivalent). Each message handled on its own
     * gets its share of the time that is left when its turn comes, so one slow message cannot use up its
     * batch-mates' time, and a stage can fail a message that cannot finish in time instead of being killed.
     *
     * @param until when the invocation must be done, or null for no bound
     */
    public List<String> process(String queue, List<QueueMessage> messages, Instant until) {
        QueueConsumer stage = consumers.get(queue);
        if (stage == null) {
            throw new IllegalArgumentException("no stage reads queue " + queue);
        }
        List<QueueMessage> oneByOne = messages;
        List<String> failed = new ArrayList<>();
        if (messages.size() > 1) {
            try {
                var outcome = stage.consumeTogether(messages);
                oneByOne = outcome.oneByOne();
                failed.addAll(outcome.failed());
            } catch (RuntimeException e) {
                LOG.warnf(e, "batch of %d on %s failed together; handling its messages one by one", messages.size(),
                        queue);
            }
        }
        for (int i = 0; i < oneByOne.size(); i++) {
            QueueMessage message = until == null ? oneByOne.get(i) : oneByOne.get(i).until(share(until,
                    oneByOne.size() - i));
            LogContext.putMessage(message.messageId(), message.body());
            try {
                stage.consume(message);
            } catch (Exception e) {
                LOG.warnf(e, "message %s on %s failed (receive %d%s)", message.messageId(), queue,
                        message.receiveCount(), message.lastAttempt() ? ", last attempt" : "");
                failed.add(message.messageId());
            }
        }
        LogContext.putMessage(null, null);
        return failed;
    }

    /** The deadline of the next of {@code left} messages: an equal part of the time left until {@code until}. */
    private static Instant share(Instant until, int left) {
        Instant now = Instant.now();
        long remaining = Math.max(0, Duration.between(now, until).toMillis());
        return now.plusMillis(remaining / left);
    }
}
