package dev.engram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pass-through HTTP proxy in front of one AWS stand-in (SQS or DynamoDB) that counts the requests Engram makes, by
 * action ({@code X-Amz-Target}, or the query protocol's {@code Action=}), and for DynamoDB the capacity units each
 * would cost on demand: a write unit per item written (two in a transaction), half a read unit per item read
 * eventually consistent, one when consistent (two in a transaction), per started KB written and 4 KB read. The
 * stand-ins do not check signatures, so forwarding with another Host header is fine.
 */
final class AwsRequestCounter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(executor).build();
    private final URI target;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final DoubleAdder readUnits = new DoubleAdder();

    private AwsRequestCounter(int targetPort) throws IOException {
        this.target = URI.create("http://localhost:" + targetPort);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    static AwsRequestCounter in(int targetPort) {
        try {
            return new AwsRequestCounter(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Requests per action, and {@code _wru} / {@code _rru} for DynamoDB's capacity units, since the start. */
    record Snapshot(Map<String, Long> requests, double writeUnits, double readUnits) {

        long total() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }

        Snapshot minus(Snapshot before) {
            Map<String, Long> out = new TreeMap<>();
            requests.forEach((k, v) -> {
                long d = v - before.requests.getOrDefault(k, 0L);
                if (d > 0) {
                    out.put(k, d);
                }
            });
            return new Snapshot(out, writeUnits - before.writeUnits, readUnits - before.readUnits);
        }
    }

    Snapshot snapshot() {
        Map<String, Long> out = new TreeMap<>();
        requests.forEach((k, v) -> out.put(k, v.sum()));
        return new Snapshot(out, writeUnits.sum(), readUnits.sum());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String action = action(exchange, body);
            requests.computeIfAbsent(action, k -> new LongAdder()).increment();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (action.startsWith("DynamoDB_")) {
                countUnits(action.substring(action.indexOf('.') + 1), body, response.body());
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
        }
    }

    private static String action(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return target;
        }
        String form = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        int at = form.indexOf("Action=");
        if (at >= 0) {
            int end = form.indexOf('&', at);
            return form.substring(at + 7, end < 0 ? form.length() : end);
        }
        return exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    }

    /** DynamoDB's on-demand capacity units of one request, from its body and answer. */
    private void countUnits(String operation, byte[] request, byte[] answer) {
        try {
            JsonNode in = JSON.readTree(request);
            switch (operation) {
                case "PutItem", "UpdateItem", "DeleteItem" -> writeUnits.add(kb(in.path("Item")));
                case "BatchWriteItem" -> in.path("RequestItems").forEach(table -> table.forEach(
                        r -> writeUnits.add(kb(r.path("PutRequest").path("Item")))));
                case "TransactWriteItems" -> in.path("TransactItems").forEach(t -> {
                    JsonNode item = t.path("Put").path("Item");
                    writeUnits.add(2 * kb(item));
                });
                case "GetItem", "Query", "Scan" -> readUnits.add(reads(answer, in.path("ConsistentRead")
                        .asBoolean(false) ? 1 : 0.5));
                case "BatchGetItem" -> readUnits.add(reads(answer, 0.5));
                case "TransactGetItems" -> readUnits.add(reads(answer, 2));
                default -> {
                    // table management: no capacity units
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: nothing to count
        }
    }

    /** Write units for an item: one per started KB (an item absent from the request, e.g. an update, counts one). */
    private static double kb(JsonNode item) {
        return item.isMissingNode() ? 1 : Math.max(1, Math.ceil(item.toString().length() / 1024.0));
    }

    /** Read units of an answer: {@code perItem} per started 4 KB of the items it returned, at least one item's. */
    private static double reads(byte[] answer, double perUnit) {
        return perUnit * Math.max(1, Math.ceil(answer.length / 4096.0));
    }
}
