package dev.engram.admin;

import dev.engram.platform.errors.Conflict;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.errors.Unavailable;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.queue.QueueSettings;
import dev.engram.progress.DeadLetterLedger;
import dev.engram.progress.Job;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Dead letters an operator can act on: each dead-letter queue's depth and a peek at its messages with the job, chunk,
 * recorded reason and what the automatic retries did or will do with them ({@link DeadLetterSweeper}), and a redrive
 * back to the work queue (SQS StartMessageMoveTask). A redriven chunk that then succeeds corrects its job's counts and
 * state through the normal processing path.
 */
@ApplicationScoped
class DeadLetterService {

    private static final Logger LOG = Logger.getLogger(DeadLetterService.class);
    private static final List<String> QUEUES = List.of(QueueNames.INGEST, QueueNames.CHUNKS, QueueNames.CHAT,
            QueueNames.GRAPH);
    private static final int SQS_MAX_RECEIVE = 10;

    private final SqsClient sqs;
    private final QueueSender queues;
    private final QueueSettings settings;
    private final DeadLetterReader reader;
    private final DeadLetterLedger ledger;
    private final DeadLetterSettings retrySettings;

    DeadLetterService(SqsClient sqs, QueueSender queues, QueueSettings settings, DeadLetterReader reader,
            DeadLetterLedger ledger, DeadLetterSettings retrySettings) {
        this.sqs = sqs;
        this.queues = queues;
        this.settings = settings;
        this.reader = reader;
        this.ledger = ledger;
        this.retrySettings = retrySettings;
    }

    /** Every dead-letter queue with up to {@code peek} of its messages (0..10). */
    public List<DeadLetterQueueView> overview(int peek) {
        int n = Math.max(0, Math.min(SQS_MAX_RECEIVE, peek));
        List<DeadLetterQueueView> out = new ArrayList<>();
        for (String logical : QUEUES) {
            out.add(view(logical, n));
        }
        return out;
    }

    /** Starts moving a dead-letter queue's messages back to its work queue. */
    public RedriveStarted redrive(String logical) {
        requireKnown(logical);
        String dlqName = settings.deadLetterNameOf(logical);
        String dlqUrl = queues.urlOf(dlqName);
        var attributes = attributes(dlqUrl, QueueAttributeName.QUEUE_ARN,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        String sourceArn = attributes(queues.workQueueUrl(logical), QueueAttributeName.QUEUE_ARN)
                .get(QueueAttributeName.QUEUE_ARN);
        int waiting = Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
        if (waiting == 0) {
            throw new Conflict("dead-letter queue " + dlqName + " is empty; nothing to redrive");
        }
        try {
            String handle = sqs.startMessageMoveTask(b -> b.sourceArn(attributes.get(QueueAttributeName.QUEUE_ARN))
                    .destinationArn(sourceArn)).taskHandle();
            LOG.infof("redrive of %d messages from %s to %s started", waiting, dlqName, settings.nameOf(logical));
            return new RedriveStarted(logical, dlqName, settings.nameOf(logical), waiting, handle);
        } catch (SqsException e) {
            if (e.statusCode() >= 400 && e.statusCode() < 500) {
                throw new Conflict("the queue refused the redrive: " + e.awsErrorDetails().errorMessage());
            }
            throw new Unavailable("the queue service failed to start the redrive; please retry");
        }
    }

    private DeadLetterQueueView view(String logical, int peek) {
        String name = settings.deadLetterNameOf(logical);
        String url = queues.urlOf(name);
        var a = attributes(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
        List<DeadLetterMessage> messages = peek == 0 ? List.of() : peek(logical, url, peek);
        return new DeadLetterQueueView(logical, name,
                Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")),
                messages);
    }

    /** Receives with a visibility timeout of 0, so the messages stay available to a redrive or another peek. */
    private List<DeadLetterMessage> peek(String logical, String url, int max) {
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max)
                .visibilityTimeout(0).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
        Map<String, Optional<Job>> jobCache = new HashMap<>();
        List<DeadLetterMessage> out = new ArrayList<>();
        for (Message m : received) {
            DeadLetter d = reader.read(logical, m, jobCache);
            FailureKind kind = d.kind();
            var entry = ledger.find(logical, d.fingerprint()).orElse(null);
            int retries = entry == null ? 0 : entry.retries();
            String status = !retrySettings.enabled() ? "off" : entry != null && entry.escalated() ? "escalated"
                    : kind == FailureKind.TRANSIENT && retries < retrySettings.maxRetries() ? "will_retry"
                    : "will_escalate";
            String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
            out.add(new DeadLetterMessage(m.messageId(), d.taskId(), d.userId(), d.chunk(), d.reason(), kind.wire(),
                    status, retries, retrySettings.maxRetries(), entry == null ? List.of() : entry.delaysSeconds(),
                    "will_retry".equals(status)
                            ? DeadLetterSweeper.delayOf(retrySettings.backoff(), retries).toSeconds() : null,
                    entry == null || entry.nextRetryAt() == null ? null : entry.nextRetryAt().toString(),
                    entry == null || entry.escalatedAt() == null ? null : entry.escalatedAt().toString(),
                    Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                            "0")),
                    sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)).toString()));
        }
        return out;
    }

    private Map<QueueAttributeName, String> attributes(String url, QueueAttributeName... names) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(names)).attributes();
    }

    private static void requireKnown(String logical) {
        if (!QUEUES.contains(logical)) {
            throw new NotFound("queue '" + logical + "'");
        }
    }
}
