package dev.engram.platform.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Sends message records as JSON to Engram's queues, resolving queue URLs once. */
@ApplicationScoped
public class QueueSender {

    private static final int SQS_BATCH_LIMIT = 10;
    private static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final QueueSettings settings;
    private final ObjectMapper json;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    QueueSender(SqsClient sqs, QueueSettings settings, ObjectMapper json) {
        this.sqs = sqs;
        this.settings = settings;
        this.json = json;
    }

    /** The URL of a queue given its full name. */
    public String urlOf(String fullName) {
        return urls.computeIfAbsent(fullName, n -> sqs.getQueueUrl(b -> b.queueName(n)).queueUrl());
    }

    /** The URL of a work queue given its logical name. */
    public String workQueueUrl(String logical) {
        return urlOf(settings.nameOf(logical));
    }

    /** Sends one message. */
    public void send(String logicalQueue, Object message) {
        String body = toJson(message);
        sqs.sendMessage(b -> b.queueUrl(workQueueUrl(logicalQueue)).messageBody(body));
    }

    /** Sends messages in batches of ten, retrying the entries SQS refused; throws if some still fail. */
    public void sendAll(String logicalQueue, List<?> messages) {
        String url = workQueueUrl(logicalQueue);
        for (int from = 0; from < messages.size(); from += SQS_BATCH_LIMIT) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<?> slice = messages.subList(from, Math.min(messages.size(), from + SQS_BATCH_LIMIT));
            for (int i = 0; i < slice.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(toJson(slice.get(i))).build());
            }
            for (int attempt = 1; !entries.isEmpty(); attempt++) {
                var pending = entries;
                var result = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(pending));
                if (result.failed().isEmpty()) {
                    break;
                }
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("SQS refused " + result.failed().size() + " messages: "
                            + result.failed().get(0).message());
                }
                var failedIds = result.failed().stream().map(f -> f.id()).toList();
                entries = pending.stream().filter(e -> failedIds.contains(e.id())).toList();
            }
        }
    }

    private String toJson(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + message.getClass().getSimpleName(), e);
        }
    }
}
