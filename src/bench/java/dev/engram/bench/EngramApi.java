package dev.engram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Engram's public API as a client uses it: submit text or files, follow jobs. */
final class EngramApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    EngramApi(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpClient http() {
        return http;
    }

    String token(String user) {
        return tokens.computeIfAbsent(user, Tokens::forUser);
    }

    /** The request {@code POST /api/v1/memories/extract} for an asynchronous extraction. */
    HttpRequest extractRequest(String user, String text, boolean autoSave) {
        ObjectNode body = JSON.createObjectNode().put("text", text).put("source", "manual").put("async", true)
                .put("auto_save", autoSave);
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/memories/extract"))
                .header("Authorization", "Bearer " + token(user)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    /**
     * Submits text; returns the answer ({@code task_id}, {@code extraction_id}). A 503 (a local stand-in dropped a
     * connection; nothing was accepted) is retried after its Retry-After, as the API asks clients to.
     */
    JsonNode submitText(String user, String text, boolean autoSave) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(extractRequest(user, text, autoSave));
            if (response.statusCode() != 503 || attempt == 3) {
                return expect(response, 202);
            }
            Bench.log("submission answered 503, retrying: %s", response.body());
            Bench.sleep(1000L * response.headers().firstValueAsLong("Retry-After").orElse(1));
        }
    }

    /** Submits a file through the multipart endpoint. */
    JsonNode submitFile(String user, String filename, byte[] content) {
        String boundary = "bench-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/memories/extract/file"))
                .header("Authorization", "Bearer " + token(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return JsonOrStatus.of(send(request));
    }

    /** Uploads a file by presigned PUT (the path for files too big for a request); returns the ticket. */
    JsonNode upload(String user, String filename, byte[] content) {
        ObjectNode body = JSON.createObjectNode().put("filename", filename).put("size", content.length);
        var ticket = expect(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/uploads"))
                .header("Authorization", "Bearer " + token(user)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build()), 201);
        var put = HttpRequest.newBuilder(URI.create(ticket.get("upload_url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        ticket.path("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("content-length")) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        var response = send(put.build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("upload PUT answered " + response.statusCode() + ": " + response.body());
        }
        return ticket;
    }

    /** {@code GET .../extract/{task_id}/progress}. */
    JsonNode progress(String user, String taskId) {
        return expect(send(get(user, "/api/v1/memories/extract/" + taskId + "/progress")), 200);
    }

    /** {@code GET /api/v1/jobs}: one page of the user's jobs, newest first; {@code cursor} may be null. */
    JsonNode jobs(String user, int limit, String cursor) {
        return expect(send(get(user, "/api/v1/jobs?limit=" + limit
                + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                        java.nio.charset.StandardCharsets.UTF_8)))), 200);
    }

    /** Each of the user's jobs among {@code taskIds}, read page by page through {@link #jobs}. */
    void eachJob(String user, java.util.Set<String> taskIds, java.util.function.Consumer<JsonNode> action) {
        String cursor = null;
        do {
            JsonNode page = jobs(user, 100, cursor);
            for (JsonNode job : page.path("jobs")) {
                if (taskIds.contains(job.path("task_id").asText())) {
                    action.accept(job);
                }
            }
            cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
    }

    /** {@code GET .../extract/{extraction_id}}. */
    JsonNode extraction(String user, String extractionId) {
        return expect(send(get(user, "/api/v1/memories/extract/" + extractionId)), 200);
    }

    private HttpRequest get(String user, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token(user))
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JsonOrStatus.parse(response.body());
    }

    /** A response body as JSON, with the status code added as {@code _status}. */
    static final class JsonOrStatus {
        private JsonOrStatus() {
        }

        static JsonNode of(HttpResponse<String> response) {
            ObjectNode node = parse(response.body()) instanceof ObjectNode o ? o : JSON.createObjectNode();
            return node.put("_status", response.statusCode());
        }

        static JsonNode parse(String body) {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode().put("_body", body);
            }
        }
    }
}
