package dev.engram.lambda.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.engram.platform.logging.LogContext;
import dev.engram.platform.metrics.MetricsFlush;
import dev.engram.platform.queue.BatchProcessor;
import dev.engram.platform.queue.QueueMessage;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lambda's SQS event source in front of a queue stage: maps each record to a {@link QueueMessage}, lets the
 * {@link BatchProcessor} run the batch and reports the failed records as batch item failures, so SQS redelivers only
 * those (the event source mapping must enable {@code ReportBatchItemFailures}).
 */
abstract class SqsBatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    private final BatchProcessor processor;
    private final String queue;
    @Inject
    MetricsFlush metrics;

    SqsBatchHandler(BatchProcessor processor, String queue) {
        this.processor = processor;
        this.queue = queue;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try {
            LogContext.put(LogContext.REQUEST_ID, context == null ? null : context.getAwsRequestId());
            // The processor runs the batch together where the stage can, else one message at a time with each
            // one's job and user on its log lines.
            processor.process(queue, records.stream().map(this::toMessage).toList(), deadline(context)).stream()
                    .map(SQSBatchResponse.BatchItemFailure::new).forEach(failures::add);
        } finally {
            LogContext.clear();
            metrics.flush();
        }
        return new SQSBatchResponse(failures);
    }

    /**
     * When the batch must be done: Lambda's remaining time less a reserve for recording failures and answering, so
     * a message that runs out of time is failed with its reason instead of the whole invocation being killed.
     */
    static Instant deadline(Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return null;
        }
        long remaining = context.getRemainingTimeInMillis();
        long reserve = Math.min(RESERVE_MILLIS, remaining / 5);
        return Instant.now().plusMillis(remaining - reserve);
    }

    /** Time kept back from the function's remaining time (at most a fifth of it). */
    private static final long RESERVE_MILLIS = 10_000;

    private QueueMessage toMessage(SQSEvent.SQSMessage record) {
        int receives = receiveCount(record.getAttributes());
        return new QueueMessage(record.getMessageId(), record.getBody(), receives, processor.isLastAttempt(receives));
    }

    private static int receiveCount(Map<String, String> attributes) {
        String count = attributes == null ? null : attributes.get(RECEIVE_COUNT);
        if (count == null) {
            return 1;
        }
        try {
            return Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
