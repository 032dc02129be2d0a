package dev.engram.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.bench.Bench;
import dev.engram.bench.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API as a careful client uses it under faults: every answer's status is counted, a 503 with Retry-After (or a
 * refused connection) is retried with the same Idempotency-Key, and a 5xx without Retry-After is recorded with the
 * request that got it.
 */
final class ChaosApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 30;

    /** One final answer: status and body (null when none was JSON). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String text(String field) {
            return body == null || !body.hasNonNull(field) ? null : body.get(field).asText();
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger unavailableWithRetryAfter = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final Map<String, String> serverErrorExamples = new ConcurrentHashMap<>();

    ChaosApi(int port) {
        this.base = "http://localhost:" + port;
    }

    Answer submitText(String user, String key, String text, boolean autoSave) {
        return send(user, key, json("POST", "/api/v1/memories/extract", Map.of("text", text, "async", true,
                "auto_save", autoSave, "source", "manual")));
    }

    Answer submitBulk(String user, String key, Object body) {
        return send(user, key, json("POST", "/api/v1/memories/extract/bulk", body));
    }

    Answer announceUpload(String user, String key, String filename, int size) {
        return send(user, key, json("POST", "/api/v1/uploads", Map.of("filename", filename, "content_type",
                "text/markdown", "size", size, "auto_save", false)));
    }

    Answer submitFile(String user, String key, String filename, byte[] content) {
        String boundary = "chaos" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/markdown\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        return send(user, key, () -> HttpRequest.newBuilder(URI.create(base + "/api/v1/memories/extract/file"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    Answer cancel(String user, String taskId) {
        return send(user, null, () -> HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + taskId + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer purge(String user, String taskId) {
        return send(user, null, () -> HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + taskId)).DELETE());
    }

    Answer progress(String user, String taskId) {
        return send(user, null, () -> HttpRequest.newBuilder(
                URI.create(base + "/api/v1/memories/extract/" + taskId + "/progress")).GET());
    }

    Answer jobs(String user) {
        return send(user, null, () -> HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs?limit=20")).GET());
    }

    /** Answers by status, every attempt counted. */
    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> out = new TreeMap<>();
        statuses.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** 503 answers that carried Retry-After: nothing was accepted and the client was told to retry. */
    int unavailableWithRetryAfter() {
        return unavailableWithRetryAfter.get();
    }

    /** Every other 5xx answer. */
    int serverErrors() {
        return serverErrors.get();
    }

    /** A request and answer for each distinct 5xx seen (at most a few). */
    Map<String, String> serverErrorExamples() {
        return new TreeMap<>(serverErrorExamples);
    }

    private interface RequestFactory {
        HttpRequest.Builder build();
    }

    private RequestFactory json(String method, String path, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return () -> HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    private Answer send(String user, String idempotencyKey, RequestFactory factory) {
        String token = tokens.computeIfAbsent(user, Tokens::forUser);
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder builder = factory.build().timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token);
            if (idempotencyKey != null) {
                builder.header("Idempotency-Key", idempotencyKey);
            }
            HttpRequest request = builder.build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    return new Answer(0, null);
                }
                Bench.sleep(1000);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(0, null);
            }
            int status = response.statusCode();
            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
            if (status == 503 && retryAfter || status == 429) {
                if (status == 503) {
                    unavailableWithRetryAfter.incrementAndGet();
                }
                if (attempt < ATTEMPTS) {
                    Bench.sleep(1000);
                    continue;
                }
            } else if (status >= 500) {
                serverErrors.incrementAndGet();
                if (serverErrorExamples.size() < 10) {
                    serverErrorExamples.putIfAbsent(request.method() + " " + request.uri().getPath()
                            .replaceAll("[0-9a-f]{8,}[-0-9a-f]*", "{id}") + " " + status, response.body());
                }
                // The outcome is unknown: a careful client asks again with the same key.
                if (attempt < ATTEMPTS) {
                    Bench.sleep(1000);
                    continue;
                }
            }
            return new Answer(status, parse(response.body()));
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

}
