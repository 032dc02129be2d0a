package dev.engram.progress;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Job and extraction identifiers. A job and its extraction share one random body ({@code tsk_…} / {@code ext_…}),
 * so either handle finds the job without a second lookup.
 */
public final class JobIds {

    private static final Pattern BODY = Pattern.compile("[0-9a-f]{32}");

    private JobIds() {
    }

    /** A fresh random body. */
    public static String newBody() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A body derived from a stable name, so the same event always maps to the same job. */
    public static String bodyFor(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()
                .replace("-", "");
    }

    public static String taskId(String body) {
        return "tsk_" + body;
    }

    public static String extractionId(String body) {
        return "ext_" + body;
    }

    /** The task id for an extraction id, or empty if it is not one. */
    public static Optional<String> taskOfExtraction(String extractionId) {
        return body(extractionId, "ext_").map(JobIds::taskId);
    }

    /** Whether the string has the shape of a task id. */
    public static boolean isTaskId(String s) {
        return body(s, "tsk_").isPresent();
    }

    private static Optional<String> body(String id, String prefix) {
        if (id == null || !id.startsWith(prefix)) {
            return Optional.empty();
        }
        String body = id.substring(prefix.length());
        return BODY.matcher(body).matches() ? Optional.of(body) : Optional.empty();
    }
}
