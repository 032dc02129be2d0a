package dev.engram.admin;

import dev.engram.graph.GraphBacklog;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.queue.QueueSettings;
import dev.engram.platform.schedule.ScheduledStage;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.DeadLetterLedger;
import dev.engram.progress.DeadLetterLedger.Entry;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The dead-letter sweep ({@code dlq-sweep}), run on the expire schedule: each dead letter whose recorded reason is
 * transient goes back to its work queue, delayed by backoff × 2^n for its n-th retry, at most
 * {@code max-retries} times; a permanent one, or one out of retries, stays in its dead-letter queue for people and is
 * escalated once (the alarm topic, the admin page), and its job records the failure if it did not (so the job
 * finishes, at the latest with the next job sweep).
 * A chunk dead letter whose job records no failure of it (its worker died during the last delivery) counts as
 * transient. A chunk message whose chunk has succeeded since, or whose job is
 * gone or cancelled, is removed. Ingest and chat dead letters are escalated at once (see {@link DeadLetter#kind}).
 * A graph request is treated as a chunk: its work row holds the reason (none while pending: its worker died, a
 * transient failure); a retry reopens the work before the message goes back, a final failure marks the work failed,
 * and work completed or purged since removes the message. The
 * dead-letter ledger makes every retry and escalation a conditional write, so sweeps running at once, or two copies
 * of one message, retry or escalate it once.
 */
@ApplicationScoped
public class DeadLetterSweeper implements ScheduledStage {

    private static final Logger LOG = Logger.getLogger(DeadLetterSweeper.class);
    private static final List<String> QUEUES = List.of(QueueNames.CHUNKS, QueueNames.INGEST, QueueNames.CHAT,
            QueueNames.GRAPH);
    /** SQS delays a message at most 15 minutes. */
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** The attribute a redriven message carries: which automatic retry it is. */
    public static final String RETRY_ATTRIBUTE = "engram-dlq-retry";
    private static final int SQS_MAX_RECEIVE = 10;

    private final SqsClient sqs;
    private final QueueSender queues;
    private final QueueSettings queueSettings;
    private final DeadLetterSettings settings;
    private final DeadLetterReader reader;
    private final DeadLetterLedger ledger;
    private final Escalations escalations;
    private final MeterRegistry metrics;
    private final JobStore jobs;
    private final ChunkLedger chunks;
    private final GraphBacklog graph;

    DeadLetterSweeper(SqsClient sqs, QueueSender queues, QueueSettings queueSettings, DeadLetterSettings settings,
            DeadLetterReader reader, DeadLetterLedger ledger, Escalations escalations, MeterRegistry metrics,
            JobStore jobs, ChunkLedger chunks, GraphBacklog graph) {
        this.graph = graph;
        this.sqs = sqs;
        this.queues = queues;
        this.queueSettings = queueSettings;
        this.settings = settings;
        this.reader = reader;
        this.ledger = ledger;
        this.escalations = escalations;
        this.metrics = metrics;
        this.jobs = jobs;
        this.chunks = chunks;
    }

    @Override
    public String name() {
        return "dlq-sweep";
    }

    /** Sweeps every dead-letter queue once; returns how many dead letters it sent back or removed. */
    @Override
    public int run() {
        if (!settings.enabled()) {
            return 0;
        }
        int moved = 0;
        for (String queue : QUEUES) {
            moved += sweep(queue);
        }
        return moved;
    }

    /** The delay of retry {@code n} (from 0): backoff × 2^n, at most what SQS allows. */
    static Duration delayOf(Duration backoff, int n) {
        Duration delay = backoff.multipliedBy(1L << Math.min(n, 20));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private int sweep(String queue) {
        String dlqUrl = queues.urlOf(queueSettings.deadLetterNameOf(queue));
        List<Message> kept = new ArrayList<>();
        Map<String, Optional<Job>> jobCache = new HashMap<>();
        int moved = 0;
        int seen = 0;
        try {
            while (seen < settings.maxPerRun()) {
                int want = Math.min(SQS_MAX_RECEIVE, settings.maxPerRun() - seen);
                // Out of other sweeps' sight while deciding; what stays is made visible again at the end.
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(want)
                        .visibilityTimeout((int) settings.claim().toSeconds()).waitTimeSeconds(0)).messages();
                if (batch.isEmpty()) {
                    break;
                }
                seen += batch.size();
                for (Message m : batch) {
                    if (decide(queue, dlqUrl, reader.read(queue, m, jobCache))) {
                        moved++;
                    } else {
                        kept.add(m);
                    }
                }
            }
        } finally {
            release(dlqUrl, kept);
        }
        if (seen > 0) {
            LOG.infof("dead-letter sweep of %s: %d looked at, %d sent back or removed", queue, seen, moved);
        }
        return moved;
    }

    /** Sends back, removes or escalates one dead letter; true when it left the dead-letter queue. */
    private boolean decide(String queue, String dlqUrl, DeadLetter d) {
        // A body that names no job is nobody's to remove: it is escalated like any permanent failure.
        if (QueueNames.CHUNKS.equals(queue) && d.taskId() != null && (d.job().isEmpty()
                || d.job().get().state() == JobState.CANCELLED || d.chunkDone())) {
            LOG.infof("dead letter %s removed: %s", d.message().messageId(), d.job().isEmpty() ? "its job is gone"
                    : d.chunkDone() ? "its chunk has succeeded since" : "its job was cancelled");
            delete(dlqUrl, d.message());
            return true;
        }
        if (QueueNames.GRAPH.equals(queue) && d.graph() != null && d.chunkDone()) {
            LOG.infof("dead letter %s removed: its graph work is completed or gone with its job",
                    d.message().messageId());
            delete(dlqUrl, d.message());
            return true;
        }
        FailureKind kind = d.kind();
        Entry entry = ledger.find(queue, d.fingerprint())
                .orElseGet(() -> Entry.fresh(queue, d.fingerprint(), d.taskId(), d.userId(), d.chunk(), d.reason(),
                        kind.wire()))
                .describedAs(d.reason(), kind.wire());
        Instant now = Instant.now();
        if (!entry.escalated() && kind == FailureKind.TRANSIENT && entry.retries() < settings.maxRetries()) {
            return retry(queue, dlqUrl, d, entry, now);
        }
        settle(queue, d);
        if (!entry.escalated()) {
            escalate(queue, d, entry, now);
        }
        return false;
    }

    /**
     * A dead letter that is not sent back any more is a final failure: the job it belongs to must say so, or it
     * would wait for the message forever (its worker died during the last delivery, before it could record the
     * failure). The chunk is counted failed with the reason, or the job failed for an ingest message; both are
     * conditional, so a job that records it already is left as it is.
     */
    private void settle(String queue, DeadLetter d) {
        if (QueueNames.GRAPH.equals(queue)) {
            // Jobs never wait for the graph: the work row says failed (if its stage could not), which stops the
            // hourly resend and shows on the job's graph_state.
            if (d.graph() != null && !d.chunkDone()) {
                graph.fail(d.graph(), d.reason());
            }
            return;
        }
        if (d.job().isEmpty() || d.job().get().state().finished()) {
            return;
        }
        try {
            if (QueueNames.CHUNKS.equals(queue) && d.chunk() != null && !d.chunkDone()) {
                // The hourly sweep finishes the job once every chunk is accounted for: this function has no database
                // for the follow-up a finish starts.
                chunks.recordChunkFailed(d.taskId(), d.chunk(), d.reason());
            } else if (QueueNames.INGEST.equals(queue)) {
                jobs.fail(d.taskId(), d.reason() != null ? d.reason()
                        : "the input could not be split: its worker stopped during its last delivery");
            } else if (QueueNames.CHAT.equals(queue)) {
                jobs.fail(d.taskId(), d.reason() != null ? d.reason()
                        : "the chat messages could not be processed: their worker stopped during its last delivery");
            }
        } catch (RuntimeException e) {
            LOG.warnf("job %s of dead letter %s could not be settled now (%s); the next sweep tries again",
                    d.taskId(), d.message().messageId(), e.getMessage());
        }
    }

    private boolean retry(String queue, String dlqUrl, DeadLetter d, Entry entry, Instant now) {
        if (entry.nextRetryAt() != null && now.isBefore(entry.nextRetryAt())) {
            return false; // a second copy of a message sent back that is not even due yet
        }
        Duration delay = delayOf(settings.backoff(), entry.retries());
        if (!ledger.claimRetry(entry, now, delay)) {
            return false; // another sweep took this retry
        }
        if (QueueNames.GRAPH.equals(queue) && !graph.reopen(d.graph())) {
            // Completed or purged since it was read: nothing is left to retry.
            delete(dlqUrl, d.message());
            return true;
        }
        try {
            sqs.sendMessage(b -> b.queueUrl(queues.workQueueUrl(queue)).messageBody(d.message().body())
                    .delaySeconds((int) delay.toSeconds())
                    .messageAttributes(Map.of(RETRY_ATTRIBUTE, MessageAttributeValue.builder().dataType("Number")
                            .stringValue(Integer.toString(entry.retries() + 1)).build())));
        } catch (SdkException e) {
            ledger.releaseRetry(entry);
            LOG.warnf("dead letter %s could not be sent back (%s); the next sweep tries again",
                    d.message().messageId(), e.getMessage());
            return false;
        }
        delete(dlqUrl, d.message());
        metrics.counter("engram.dlq.retried", "queue", queue).increment();
        LOG.infof("dead letter %s (job %s, chunk %s) sent back: retry %d of %d in %ds, reason: %s",
                d.message().messageId(), d.taskId(), d.chunk(), entry.retries() + 1, settings.maxRetries(),
                delay.toSeconds(), d.reason());
        return true;
    }

    private void escalate(String queue, DeadLetter d, Entry entry, Instant now) {
        if (!ledger.claimEscalation(entry, now)) {
            return;
        }
        try {
            escalations.publish(new Escalation(queue, d.taskId(), d.userId(), d.chunk(), d.reason(), entry.kind(),
                    entry.retries(), d.message().messageId()));
        } catch (RuntimeException e) {
            ledger.releaseEscalation(entry, now);
            LOG.warnf(e, "dead letter %s could not be escalated now; the next sweep tries again",
                    d.message().messageId());
        }
    }

    private void delete(String dlqUrl, Message m) {
        sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(m.receiptHandle()));
    }

    private void release(String dlqUrl, List<Message> kept) {
        for (int from = 0; from < kept.size(); from += SQS_MAX_RECEIVE) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            List<Message> slice = kept.subList(from, Math.min(kept.size(), from + SQS_MAX_RECEIVE));
            for (int i = 0; i < slice.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(slice.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(entries));
            } catch (SdkException e) {
                LOG.warnf("dead letters stay hidden until their claim of %s ends: %s", settings.claim(),
                        e.getMessage());
            }
        }
    }
}
