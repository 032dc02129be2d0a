package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.platform.errors.Invalid;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks chat requests field by field and reports every problem at once, each naming its field. */
final class ChatRequests {

    static final int MAX_TITLE = 255;
    static final int MAX_CONTENT = 20_000;
    static final int MAX_JSON_BYTES = 16 * 1024;
    static final int MAX_CLIENT_ID = 128;
    /** Clocks differ: a created_at this far ahead of ours is still "now". */
    static final long CLOCK_SKEW_SECONDS = 60;
    private static final Set<String> ROLES = Set.of("user", "twin", "system", "assistant");

    private ChatRequests() {
    }

    /** A message ready to store: role normalised, created_at parsed (null: the time it is stored). */
    record Checked(String role, String content, JsonNode metadata, OffsetDateTime createdAt, String clientMessageId) {
    }

    static List<Checked> messages(NewMessages body, int max) {
        if (body == null || body.messages() == null) {
            throw Invalid.field("messages", "1 to " + max + " messages are required");
        }
        List<NewMessages.Item> items = body.messages();
        if (items.isEmpty() || items.size() > max) {
            throw Invalid.field("messages", items.size() + " messages; 1 to " + max + " are allowed per request");
        }
        List<String> errors = new ArrayList<>();
        List<Checked> out = new ArrayList<>();
        Set<String> clientIds = new HashSet<>();
        OffsetDateTime previous = null;
        OffsetDateTime latestAllowed = OffsetDateTime.now().plusSeconds(CLOCK_SKEW_SECONDS);
        for (int i = 0; i < items.size(); i++) {
            NewMessages.Item m = items.get(i);
            String at = "messages[" + i + "].";
            if (m == null) {
                errors.add("messages[" + i + "]: must be an object");
                continue;
            }
            if (m.role() == null || !ROLES.contains(m.role())) {
                errors.add(at + "role: must be one of user, twin, system (assistant is read as twin)");
            }
            if (m.content() == null || m.content().isBlank()) {
                errors.add(at + "content: must not be empty");
            } else if (m.content().length() > MAX_CONTENT) {
                errors.add(at + "content: " + m.content().length() + " characters is more than the " + MAX_CONTENT
                        + " allowed");
            }
            jsonObject(at + "metadata", m.metadata(), errors);
            OffsetDateTime createdAt = null;
            if (m.createdAt() != null) {
                try {
                    createdAt = OffsetDateTime.parse(m.createdAt());
                    if (createdAt.isAfter(latestAllowed)) {
                        errors.add(at + "created_at: is in the future");
                    } else if (previous != null && createdAt.isBefore(previous)) {
                        errors.add(at + "created_at: is before the message before it");
                    }
                    previous = createdAt;
                } catch (DateTimeParseException e) {
                    errors.add(at + "created_at: must be an ISO-8601 time with an offset, e.g. 2024-01-15T09:30:00Z");
                }
            }
            if (m.clientMessageId() != null) {
                if (m.clientMessageId().isBlank() || m.clientMessageId().length() > MAX_CLIENT_ID) {
                    errors.add(at + "client_message_id: must be 1 to " + MAX_CLIENT_ID + " characters");
                } else if (!clientIds.add(m.clientMessageId())) {
                    errors.add(at + "client_message_id: repeats another message of this request");
                }
            }
            String role = "assistant".equals(m.role()) ? "twin" : m.role();
            out.add(new Checked(role, m.content(), isNull(m.metadata()) ? null : m.metadata(), createdAt,
                    m.clientMessageId()));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return out;
    }

    static void title(String title, List<String> errors) {
        if (title != null && title.length() > MAX_TITLE) {
            errors.add("title: " + title.length() + " characters is more than the " + MAX_TITLE + " allowed");
        }
    }

    /** Adds an error when {@code node} is present and not a JSON object of at most 16 KB. */
    static void jsonObject(String field, JsonNode node, List<String> errors) {
        if (isNull(node)) {
            return;
        }
        if (!node.isObject()) {
            errors.add(field + ": must be a JSON object");
        } else if (node.toString().getBytes(StandardCharsets.UTF_8).length > MAX_JSON_BYTES) {
            errors.add(field + ": is more than " + MAX_JSON_BYTES / 1024 + " KB");
        }
    }

    static boolean isNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static void check(List<String> errors) {
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }
}
