package dev.engram.platform.local;

import dev.engram.platform.aws.AwsSettings;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 event notifications, locally: s3proxy sends none, so new objects under {@code drop/} and {@code uploads/} are
 * found by listing and announced on the ingest queue in the notification format S3 uses, URL-encoded keys included.
 * Objects seen before a restart are announced again; the jobs they map to are idempotent.
 */
@ApplicationScoped
public class LocalObjectNotifier {

    private static final Logger LOG = Logger.getLogger(LocalObjectNotifier.class);
    private static final List<String> PREFIXES = List.of("drop/", "uploads/");

    private final S3Client s3;
    private final QueueSender queues;
    private final AwsSettings aws;
    private final LocalRunnerSettings settings;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    LocalObjectNotifier(S3Client s3, QueueSender queues, AwsSettings aws, LocalRunnerSettings settings) {
        this.s3 = s3;
        this.queues = queues;
        this.aws = aws;
        this.settings = settings;
    }

    @Scheduled(every = "${engram.local.runner.object-scan-every:2s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        if (!settings.enabled()) {
            return;
        }
        try {
            for (String prefix : PREFIXES) {
                s3.listObjectsV2Paginator(b -> b.bucket(aws.bucket()).prefix(prefix)).contents().forEach(this::offer);
            }
        } catch (RuntimeException e) {
            LOG.debugf("object scan failed: %s", e.getMessage());
        }
    }

    private void offer(S3Object object) {
        if (object.key().endsWith("/") || !announced.add(object.key() + "#" + object.eTag())) {
            return;
        }
        queues.send(QueueNames.INGEST, notification(object));
    }

    private Map<String, Object> notification(S3Object object) {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
        obj.put("size", object.size());
        obj.put("eTag", object.eTag() == null ? "" : object.eTag().replace("\"", ""));
        // The object's version names its job: a listing of an object written a moment ago can show another
        // last-modified time than later ones, and a restart announces it again (a second job in the chaos run), so
        // the local sequencer comes from the content's ETag, which every listing of this version shows alike.
        obj.put("sequencer", object.eTag() == null ? "" : object.eTag().replace("\"", "").toUpperCase());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", aws.region());
        record.put("eventTime", Instant.now().toString());
        record.put("eventName", "ObjectCreated:Put");
        record.put("s3", Map.of("s3SchemaVersion", "1.0", "configurationId", "engram-local",
                "bucket", Map.of("name", aws.bucket(), "arn", "arn:aws:s3:::" + aws.bucket()), "object", obj));
        List<Object> records = new ArrayList<>();
        records.add(record);
        return Map.of("Records", records);
    }
}
