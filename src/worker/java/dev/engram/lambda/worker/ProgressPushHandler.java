package dev.engram.lambda.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.engram.platform.logging.LogContext;
import dev.engram.progress.ProgressPusher;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The pusher of the progress WebSocket API, fed by the job table's stream (new images): each changed job record goes
 * to the connections following the job ({@link ProgressPusher}), so no stage needs to know who is listening. A record
 * whose push failed is reported by its sequence number (ReportBatchItemFailures), and the stream retries from it.
 * The same function runs every minute on a schedule (an event without records), closing the connections whose token
 * has expired ({@link ProgressPusher#closeExpired}).
 */
@Named("progress-push")
public class ProgressPushHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = Logger.getLogger(ProgressPushHandler.class);

    private final ProgressPusher pusher;

    ProgressPushHandler(ProgressPusher pusher) {
        this.pusher = pusher;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        List<Map<String, Object>> failures = new ArrayList<>();
        try {
            LogContext.put(LogContext.REQUEST_ID, context == null ? null : context.getAwsRequestId());
            if (!event.containsKey("Records")) {
                return Map.of("closed", pusher.closeExpired());
            }
            for (Object r : event.get("Records") instanceof List<?> l ? l : List.of()) {
                Map<String, Object> record = SocketEvents.map(r);
                Map<String, Object> change = SocketEvents.map(record.get("dynamodb"));
                if (!failures.isEmpty()) {
                    // After a failure the stream retries from it: the records after it are sent again anyway.
                    failures.add(Map.of("itemIdentifier", SocketEvents.text(change.get("SequenceNumber"))));
                    continue;
                }
                try {
                    if (change.get("NewImage") != null) {
                        pusher.changed(StreamImages.item(SocketEvents.map(change.get("NewImage"))));
                    }
                } catch (RuntimeException e) {
                    LOG.warnf(e, "progress push failed for stream record %s", change.get("SequenceNumber"));
                    failures.add(Map.of("itemIdentifier", SocketEvents.text(change.get("SequenceNumber"))));
                }
            }
            return Map.of("batchItemFailures", failures);
        } finally {
            LogContext.clear();
        }
    }
}
