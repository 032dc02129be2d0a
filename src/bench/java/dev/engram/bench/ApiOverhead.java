package dev.engram.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Engram's accepted-submission latency against the latency of the same AWS calls made directly
 * ({@link DirectSubmission}), both offered at one rate, open loop, at the same time (the two schedules half an interval
 * apart), so both meet the same machine: the ratio of the medians is what Engram adds to the calls it must make.
 */
final class ApiOverhead {

    static final double RATE = Double.parseDouble(System.getProperty("bench.api-overhead-rate", "10"));
    static final double SECONDS = Double.parseDouble(System.getProperty("bench.api-overhead-seconds", "10"));
    /** The ratio the API should stay within. */
    static final double GOAL = 1.5;

    record Result(OpenLoopLoad.Result engram, OpenLoopLoad.Result direct) {
        double ratio() {
            return engram.p50() / direct.p50();
        }
    }

    private final EngramApi api;
    private final DirectSubmission direct;

    ApiOverhead(EngramApi api, DirectSubmission direct) {
        this.api = api;
        this.direct = direct;
    }

    Result run(double seconds, List<String> texts, List<String> users) throws InterruptedException {
        int total = (int) Math.round(RATE * seconds);
        HttpRequest[] requests = new HttpRequest[total];
        for (int i = 0; i < total; i++) {
            requests[i] = api.extractRequest(users.get(i % users.size()), texts.get(i % texts.size()), false);
        }
        long start = System.nanoTime() + 100_000_000L;
        long half = (long) (0.5e9 / RATE);
        var both = Executors.newFixedThreadPool(2);
        try {
            Future<OpenLoopLoad.Result> engram = both.submit(() -> OpenLoopLoad.offer(RATE, total, start,
                    i -> api.http().sendAsync(requests[i], HttpResponse.BodyHandlers.discarding())
                            .thenApply(r -> r.statusCode() == 202 ? null : "HTTP " + r.statusCode())));
            Future<OpenLoopLoad.Result> calls = both.submit(() -> OpenLoopLoad.offer(RATE, total, start + half,
                    i -> direct.submit(users.get(i % users.size()), texts.get(i % texts.size()))));
            return new Result(engram.get(), calls.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            both.shutdownNow();
        }
    }

    /** Warms both sides up (JIT, connections) without measuring. */
    void warmUp(List<String> texts, List<String> users) throws InterruptedException {
        run(3, texts, users);
    }
}
