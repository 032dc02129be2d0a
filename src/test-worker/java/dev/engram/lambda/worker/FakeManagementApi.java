package dev.engram.lambda.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A stand-in of the API Gateway Management API of a WebSocket stage: {@code POST <stage>/@connections/{id}} delivers
 * the body to a connection (200), {@code DELETE} closes it (204), and a connection that is not open answers 410 with
 * the {@code GoneException} error type, as API Gateway does. It keeps what each connection received.
 */
final class FakeManagementApi implements AutoCloseable {

    static final String STAGE = "/live";
    private final HttpServer server;
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

    /** One request: its method, connection id, body and the SigV4 authorization header it carried. */
    record Exchange(String method, String connectionId, String body, String authorization) {
    }

    private FakeManagementApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext(STAGE + "/@connections/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + STAGE;
    }

    /** Opens a connection: posts to it succeed until it is closed. */
    void connect(String connectionId) {
        open.add(connectionId);
    }

    /** The client went away: API Gateway answers 410 for it from now on. */
    void disconnect(String connectionId) {
        open.remove(connectionId);
    }

    boolean isOpen(String connectionId) {
        return open.contains(connectionId);
    }

    /** The messages a connection received, in order. */
    List<String> received(String connectionId) {
        List<String> bodies = new ArrayList<>();
        exchanges.stream().filter(e -> e.method().equals("POST") && e.connectionId().equals(connectionId))
                .forEach(e -> bodies.add(e.body()));
        return bodies;
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String id = URLDecoder.decode(path.substring(path.indexOf("/@connections/") + "/@connections/".length()),
                StandardCharsets.UTF_8);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        exchanges.add(new Exchange(method, id, body, exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        if (!open.contains(id)) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "GoneException");
            answer(exchange, 410, "{\"message\":null}");
        } else if (method.equals("POST")) {
            answer(exchange, 200, "");
        } else if (method.equals("DELETE")) {
            open.remove(id);
            answer(exchange, 204, null);
        } else {
            answer(exchange, 403, "{\"message\":\"Forbidden\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Starts the stand-in, points the pusher's Management API client at it, hands it to the test's field. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private FakeManagementApi running;

        @Override
        public Map<String, String> start() {
            try {
                running = new FakeManagementApi();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("engram.aws.socket-callback-url", running.endpoint());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(running, new TestInjector.MatchesType(FakeManagementApi.class));
        }

        @Override
        public void stop() {
            if (running != null) {
                running.close();
            }
        }
    }
}
