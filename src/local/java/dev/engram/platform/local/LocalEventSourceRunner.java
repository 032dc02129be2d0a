package dev.engram.platform.local;

import dev.engram.platform.aws.StackProvisioner;
import dev.engram.platform.os.ThreadNice;
import dev.engram.platform.queue.BatchProcessor;
import dev.engram.platform.queue.QueueMessage;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.queue.QueueSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source, locally: long-polls each work queue and hands batches to the stages with the same
 * semantics (batch item failures stay on the queue, reappear after the visibility timeout and, after
 * maxReceiveCount receives, move to the dead-letter queue through the redrive policy).
 */
@ApplicationScoped
public class LocalEventSourceRunner {

    private static final Logger LOG = Logger.getLogger(LocalEventSourceRunner.class);

    private final SqsClient sqs;
    private final QueueSender queues;
    private final QueueSettings queueSettings;
    private final BatchProcessor processor;
    private final LocalRunnerSettings settings;
    private final StackProvisioner provisioner;
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService pollers;

    LocalEventSourceRunner(SqsClient sqs, QueueSender queues, QueueSettings queueSettings, BatchProcessor processor,
            LocalRunnerSettings settings, StackProvisioner provisioner) {
        this.sqs = sqs;
        this.queues = queues;
        this.queueSettings = queueSettings;
        this.processor = processor;
        this.settings = settings;
        this.provisioner = provisioner;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            return;
        }
        provisioner.provision();
        List<Runnable> loops = new ArrayList<>();
        for (String queue : processor.queues()) {
            int threads = settings.concurrency().getOrDefault(queue, 1);
            for (int i = 0; i < threads; i++) {
                loops.add(() -> poll(queue));
            }
        }
        running.set(true);
        pollers = Executors.newFixedThreadPool(loops.size(), r -> {
            Thread t = new Thread(r, "local-event-source");
            t.setDaemon(true);
            return t;
        });
        loops.forEach(pollers::submit);
        LOG.infof("local event-source runner polling %s", processor.queues());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running.set(false);
        if (pollers != null) {
            pollers.shutdown();
            if (!pollers.awaitTermination(settings.waitTime().toSeconds() + 5, TimeUnit.SECONDS)) {
                pollers.shutdownNow();
            }
        }
    }

    private void poll(String queue) {
        // Named after its queue, like the event source mapping of the function it stands in for.
        Thread.currentThread().setName("local-event-source-" + queue);
        ThreadNice.lowerCurrentThread(settings.nice());
        String url = queues.workQueueUrl(queue);
        int waitSeconds = (int) Math.max(1, Math.min(20, settings.waitTime().toSeconds()));
        while (running.get()) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(queueSettings.batchSize()).waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                        .messages();
                if (!messages.isEmpty() && running.get()) {
                    handle(queue, url, messages);
                }
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                LOG.warnf("polling %s failed: %s; retrying in 1 s", queue, e.getMessage());
                sleep();
            }
        }
    }

    private void handle(String queue, String url, List<Message> messages) {
        List<QueueMessage> batch = messages.stream().map(m -> {
            int receives = Integer.parseInt(m.attributes()
                    .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
            return new QueueMessage(m.messageId(), m.body(), receives, processor.isLastAttempt(receives));
        }).toList();
        List<String> failed = processor.process(queue, batch, Instant.now().plus(settings.invocationTimeout()));
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(done));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
