package dev.engram.platform.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.jboss.logging.MDC;

/**
 * The keys every log line may carry (as MDC entries, which the JSON log format writes out), and the edges that set
 * them: a request's id and user, a queue message's job and user. Names are the API's snake_case.
 */
public final class LogContext {

    /** The request (API) or invocation (Lambda) the line belongs to. */
    public static final String REQUEST_ID = "request_id";
    /** The user ({@code sub}) the work is for. */
    public static final String USER_ID = "user_id";
    /** The job ({@code task_id}) the work is for. */
    public static final String JOB_ID = "job_id";
    /** The queue message being handled. */
    public static final String MESSAGE_ID = "message_id";

    private static final JsonFactory JSON = new JsonFactory();
    /** Only the head of a message body is scanned for ids; chunk text can be long. */
    private static final int SCAN_LIMIT = 4096;

    private LogContext() {
    }

    /** Sets {@code key} for the lines logged from now on in this context; a null or blank value removes it. */
    public static void put(String key, String value) {
        if (value == null || value.isBlank()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Removes every key this class knows. */
    public static void clear() {
        for (String key : new String[] {REQUEST_ID, USER_ID, JOB_ID, MESSAGE_ID}) {
            MDC.remove(key);
        }
    }

    /**
     * Sets the message id and, from a JSON message body, the job and user: the top-level {@code task_id} and
     * {@code user_id} of Engram's messages, or the {@code drop/<user>/} or {@code uploads/<user>/} key of an S3
     * notification. Bodies that are not JSON only set the message id.
     */
    public static void putMessage(String messageId, String body) {
        put(MESSAGE_ID, messageId);
        MDC.remove(JOB_ID);
        MDC.remove(USER_ID);
        if (body == null || body.isEmpty()) {
            return;
        }
        String head = body.length() > SCAN_LIMIT ? body.substring(0, SCAN_LIMIT) : body;
        try (JsonParser parser = JSON.createParser(head)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            int depth = 1;
            JsonToken token;
            while (depth > 0 && (token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        depth++;
                    } else if (value == JsonToken.VALUE_STRING) {
                        fieldSeen(field, parser.getText(), depth);
                    }
                }
            }
        } catch (IOException e) {
            // Not JSON, or cut at the scan limit: the ids found so far stay.
        }
    }

    private static void fieldSeen(String field, String value, int depth) {
        if (depth == 1 && "task_id".equals(field)) {
            put(JOB_ID, value);
        } else if (depth == 1 && "user_id".equals(field)) {
            put(USER_ID, value);
        } else if ("key".equals(field) && MDC.get(USER_ID) == null) {
            String[] parts = value.split("/", 3);
            if (parts.length == 3 && ("drop".equals(parts[0]) || "uploads".equals(parts[0]))) {
                put(USER_ID, parts[1]);
            }
        }
    }
}
