package dev.engram.progress;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A progress socket as a test sees it: the text messages in order and how the server closed it. */
final class SocketClient implements WebSocket.Listener {

    /** How the server closed a socket. */
    record Closed(int code, String reason) {
    }

    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private volatile long lastArrival;

    /** Opens a socket to {@code uri}, offering {@code subprotocols} (may be none). */
    static SocketClient open(HttpClient http, URI uri, String... subprotocols) {
        SocketClient client = new SocketClient();
        var builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        client.socket = builder.buildAsync(uri, client).join();
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            lastArrival = System.nanoTime();
            messages.add(partial.toString());
            all.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** The next message, waiting up to {@code timeout}; fails when none came. */
    String next(Duration timeout) throws InterruptedException {
        String m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeout + "; received so far: " + all);
        }
        return m;
    }

    /** Every message received so far. */
    List<String> received() {
        return new ArrayList<>(all);
    }

    /** How the server closed the socket, waiting up to {@code timeout}. */
    Closed closed(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the last message arrived ({@link System#nanoTime()}). */
    long lastArrival() {
        return lastArrival;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void abort() {
        socket.abort();
    }
}
