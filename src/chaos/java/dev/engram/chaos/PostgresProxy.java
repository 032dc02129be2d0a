package dev.engram.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of PostgreSQL that cuts live connections at random (a reset, as a failed-over database or a
 * broken network does), wherever their transaction stands. Engram's processes reach the database only through it.
 */
final class PostgresProxy implements AutoCloseable {

    /** Both ends of one proxied connection. */
    private record Link(Socket client, Socket server) {
        void cut() {
            for (Socket s : List.of(client, server)) {
                try {
                    s.setSoLinger(true, 0);
                    s.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile double cutsPerMinute;
    private volatile boolean open = true;

    PostgresProxy(int listenPort, int targetPort) throws IOException {
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress("127.0.0.1", listenPort));
        this.targetPort = targetPort;
        Thread.ofVirtual().name("pg-proxy-accept").start(this::accept);
        Thread.ofVirtual().name("pg-proxy-cutter").start(this::cutAtRandom);
    }

    /** Connections cut per minute on average, among those open at the time; 0 stops cutting. */
    void cutsPerMinute(double rate) {
        this.cutsPerMinute = rate;
    }

    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket("127.0.0.1", targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Link link = new Link(client, server);
                links.add(link);
                Thread.ofVirtual().start(() -> pump(link, client, server));
                Thread.ofVirtual().start(() -> pump(link, server, client));
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void pump(Link link, Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or closed by either side
        } finally {
            links.remove(link);
            link.cut();
        }
    }

    /** Every 200 ms, cuts one live connection with the probability that yields the configured rate. */
    private void cutAtRandom() {
        while (open) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            double rate = cutsPerMinute;
            if (rate <= 0 || links.isEmpty() || ThreadLocalRandom.current().nextDouble() >= rate / 300.0) {
                continue;
            }
            List<Link> live = new ArrayList<>(links);
            if (!live.isEmpty()) {
                Link victim = live.get(ThreadLocalRandom.current().nextInt(live.size()));
                if (links.remove(victim)) {
                    victim.cut();
                    cuts.incrementAndGet();
                }
            }
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        links.forEach(Link::cut);
    }
}
