package dev.engram.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.platform.queue.QueueConsumer;
import dev.engram.platform.queue.QueueMessage;
import dev.engram.platform.queue.QueueNames;
import dev.engram.split.SplitRequested;
import dev.engram.split.SplitStage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Reads the ingest queue, which carries two kinds of message: Engram's own split requests (text and API uploads) and
 * S3 event notifications (drop folder, presigned uploads). Both end in the split stage.
 */
@ApplicationScoped
public class IngestQueueConsumer implements QueueConsumer {

    private static final Logger LOG = Logger.getLogger(IngestQueueConsumer.class);

    private final ObjectMapper json;
    private final SplitStage split;
    private final ObjectArrivals arrivals;

    IngestQueueConsumer(ObjectMapper json, SplitStage split, ObjectArrivals arrivals) {
        this.json = json;
        this.split = split;
        this.arrivals = arrivals;
    }

    @Override
    public String queue() {
        return QueueNames.INGEST;
    }

    @Override
    public void consume(QueueMessage message) throws Exception {
        JsonNode body = json.readTree(message.body());
        if (SplitRequested.KIND.equals(body.path("kind").asText())) {
            split.split(json.treeToValue(body, SplitRequested.class), message.lastAttempt(), message.deadline());
        } else if (S3Notification.matches(body)) {
            for (var object : S3Notification.createdObjects(body)) {
                arrivals.accept(object).ifPresent(request -> split.split(request, message.lastAttempt(),
                        message.deadline()));
            }
        } else {
            LOG.warnf("ingest message %s is neither a split request nor an S3 notification; dropped",
                    message.messageId());
        }
    }
}
