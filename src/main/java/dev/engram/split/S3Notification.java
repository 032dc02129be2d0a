package dev.engram.split;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an S3 event notification Engram acts on. Keys arrive URL-encoded ({@code +} for a space, {@code %XX}
 * for the rest); one notification may carry several records; {@code s3:TestEvent} carries none.
 */
public final class S3Notification {

    private S3Notification() {
    }

    /**
     * One created object.
     *
     * @param bucket    the bucket
     * @param key       the decoded object key
     * @param size      bytes
     * @param eTag      the object's entity tag
     * @param sequencer orders events for the same key
     */
    public record CreatedObject(String bucket, String key, long size, String eTag, String sequencer) {

        /** A stable identity of this version of the object, for idempotent job creation. */
        public String versionKey() {
            return bucket + "/" + key + "#" + (eTag == null ? "" : eTag) + "#" + (sequencer == null ? "" : sequencer);
        }
    }

    /** Whether a parsed message body looks like an S3 notification (records or a test event). */
    public static boolean matches(JsonNode body) {
        return body.has("Records") || "s3:TestEvent".equals(body.path("Event").asText());
    }

    /** The ObjectCreated records of a notification; other events (deletions, tests) are ignored. */
    public static List<CreatedObject> createdObjects(JsonNode body) {
        List<CreatedObject> out = new ArrayList<>();
        for (JsonNode record : body.path("Records")) {
            if (!"aws:s3".equals(record.path("eventSource").asText())
                    || !record.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            String rawKey = s3.path("object").path("key").asText(null);
            if (rawKey == null || rawKey.isEmpty()) {
                continue;
            }
            out.add(new CreatedObject(s3.path("bucket").path("name").asText(),
                    URLDecoder.decode(rawKey, StandardCharsets.UTF_8), s3.path("object").path("size").asLong(-1),
                    s3.path("object").path("eTag").asText(null), s3.path("object").path("sequencer").asText(null)));
        }
        return out;
    }
}
