package dev.engram.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A fixed offered load, open loop, wrk2-style: request i is due at {@code start + i / rate}, is sent then whatever
 * happened to earlier requests, and its latency counts from the moment it was due, not from the moment it was
 * sent. A stall therefore shows up in every request it delayed (no coordinated omission).
 */
final class OpenLoopLoad {

    record Result(double rate, double seconds, int sent, int accepted, int failed, double p50, double p95,
            double p99, double max, double lateSendMsMax) {
    }

    private final EngramApi api;

    OpenLoopLoad(EngramApi api) {
        this.api = api;
    }

    /** Offers {@code rate} requests/s for {@code seconds}; {@code texts} are cycled, users round-robin. */
    Result run(double rate, double seconds, List<String> texts, List<String> users) {
        int total = (int) Math.round(rate * seconds);
        // Build requests (and sign tokens) before the clock starts.
        HttpRequest[] requests = new HttpRequest[total];
        for (int i = 0; i < total; i++) {
            requests[i] = api.extractRequest(users.get(i % users.size()), texts.get(i % texts.size()), false);
        }
        return offer(rate, total, System.nanoTime() + 50_000_000L, i -> api.http()
                .sendAsync(requests[i], HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() == 202 ? null : "HTTP " + response.statusCode()));
    }

    /**
     * Sends request {@code i} of {@code total} at {@code start + i / rate} through {@code send}, whose answer is null
     * when the request was accepted and the reason otherwise; waits up to a minute for the answers.
     */
    static Result offer(double rate, int total, long start, IntFunction<CompletableFuture<String>> send) {
        long interval = (long) (1e9 / rate);
        double[] latencyMs = new double[total];
        Arrays.fill(latencyMs, Double.NaN);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ConcurrentHashMap<String, Integer> failures = new ConcurrentHashMap<>();
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[total];
        long lateMax = 0;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            lateMax = Math.max(lateMax, System.nanoTime() - due);
            final int n = i;
            CompletableFuture<String> answer;
            try {
                answer = send.apply(i);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            inFlight[i] = answer.whenComplete((refusal, error) -> {
                long done = System.nanoTime();
                if (error == null && refusal == null) {
                    latencyMs[n] = (done - due) / 1e6;
                    accepted.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    failures.merge(error != null ? error.getClass().getSimpleName() : refusal, 1, Integer::sum);
                }
            });
        }
        try {
            CompletableFuture.allOf(inFlight).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // requests still open after a minute count as failed below
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double[] ok = Arrays.stream(latencyMs).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int unanswered = total - accepted.get() - failed.get();
        if (!failures.isEmpty() || unanswered > 0) {
            Bench.log("open-loop load: not accepted %s, unanswered after a minute %d", failures, unanswered);
        }
        return new Result(rate, elapsed, total, accepted.get(), failed.get() + unanswered, percentile(ok, 50),
                percentile(ok, 95), percentile(ok, 99), ok.length == 0 ? Double.NaN : ok[ok.length - 1],
                lateMax / 1e6);
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
