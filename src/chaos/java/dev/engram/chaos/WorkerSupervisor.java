package dev.engram.chaos;

import dev.engram.bench.EngramProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the worker process (the local runner's stages) alive and kills it: {@code kill -9} at random moments while
 * the faults last, and a restart whenever it is gone, whether killed from outside or halted by an injected fault.
 */
final class WorkerSupervisor implements AutoCloseable {

    private final Path appDir;
    private final Map<String, String> env;
    private final Path logs;
    private final int port;
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger deaths = new AtomicInteger();
    private volatile EngramProcess current;
    private volatile boolean running = true;
    private volatile boolean killing;
    private Thread watcher;

    WorkerSupervisor(Path appDir, Map<String, String> env, Path logs, int port) {
        this.appDir = appDir;
        this.env = env;
        this.logs = logs;
        this.port = port;
    }

    /** Starts the worker, waits until it is ready, and keeps it running from then on. */
    void start() {
        startOne();
        watcher = Thread.ofPlatform().daemon().name("worker-watch").start(this::watch);
    }

    /** Kills the worker at random moments, {@code minSeconds} to {@code maxSeconds} apart, until stopped. */
    void killAtRandom(int minSeconds, int maxSeconds) {
        killing = true;
        Thread.ofPlatform().daemon().name("worker-killer").start(() -> {
            while (killing) {
                sleepSeconds(ThreadLocalRandom.current().nextInt(minSeconds, maxSeconds + 1));
                EngramProcess victim = current;
                if (killing && victim != null && victim.alive()) {
                    ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    kills.incrementAndGet();
                    ChaosMain.log("kill -9 worker pid %d (kill %d)", victim.pid(), kills.get());
                }
            }
        });
    }

    void stopKilling() {
        killing = false;
    }

    /** Waits until a worker is up and ready (after the last kill). */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            EngramProcess p = current;
            if (p != null && p.alive() && ready()) {
                return;
            }
            sleepSeconds(1);
        }
        throw new IllegalStateException("the worker was not ready within " + timeout);
    }

    /** Kills from outside ({@code kill -9}). */
    int kills() {
        return kills.get();
    }

    /** Worker processes that ended without being asked to, including kills and halts. */
    int deaths() {
        return deaths.get();
    }

    int starts() {
        return starts.get();
    }

    private void watch() {
        while (running) {
            EngramProcess p = current;
            if (p != null && !p.alive() && running) {
                deaths.incrementAndGet();
                try {
                    startOne();
                } catch (RuntimeException e) {
                    ChaosMain.log("worker restart failed (%s); trying again", e.getMessage());
                }
            }
            sleepMillis(100);
        }
    }

    private synchronized void startOne() {
        int n = starts.incrementAndGet();
        EngramProcess p = EngramProcess.start("worker", appDir, List.of("-Xmx768m"), env,
                logs.resolve(String.format("worker-%03d.log", n)));
        current = p;
        try {
            p.awaitHttp200(URI.create("http://localhost:" + port + "/q/health/ready"), Duration.ofSeconds(120));
        } catch (IllegalStateException e) {
            if (p.alive()) {
                throw e;
            }
            // killed or halted while starting: the watcher starts the next one
        }
    }

    private boolean ready() {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static void sleepSeconds(int seconds) {
        sleepMillis(seconds * 1000L);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        killing = false;
        if (watcher != null) {
            watcher.interrupt();
        }
        EngramProcess p = current;
        if (p != null) {
            p.close();
        }
    }
}
