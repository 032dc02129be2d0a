package dev.engram.lambda.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The sample events of {@code infra/events} (the files {@code sam local invoke -e} takes), loaded as JSON trees so a
 * test can put its own ids in them. Plain Jackson on purpose: the events are AWS's camelCase, not Engram's snake_case.
 */
public final class LambdaEvents {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("infra", "events");

    private LambdaEvents() {
    }

    /** An event file as a mutable tree. */
    public static ObjectNode load(String file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(DIR.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event " + file, e);
        }
    }

    /** Rewrites the JSON body of every SQS record of {@code event}. */
    public static ObjectNode withSqsBodies(ObjectNode event, UnaryOperator<ObjectNode> change) {
        for (JsonNode record : event.withArray("Records")) {
            ObjectNode body = (ObjectNode) parse(record.path("body").asText());
            ((ObjectNode) record).put("body", write(change.apply(body)));
        }
        return event;
    }

    /** Appends a copy of the first SQS record with another message id and a raw body. */
    public static ObjectNode withExtraSqsRecord(ObjectNode event, String messageId, String rawBody) {
        var records = event.withArray("Records");
        ObjectNode copy = records.get(0).deepCopy();
        copy.put("messageId", messageId).put("body", rawBody);
        records.add(copy);
        return event;
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
