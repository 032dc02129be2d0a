package dev.engram.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JVM start to ready for each build variant. The default jar is ready when {@code /q/health/ready} answers 200. A
 * Lambda variant (JVM) is ready when Quarkus reports it has started: on AWS's Java runtime that is the end of the
 * handler's init phase, after which the runtime asks for the first event. (Quarkus runs its own Runtime API poll
 * loop only in native builds, so a JVM jar never calls a fake Runtime API by itself.)
 */
final class Readiness {

    /** Quarkus's start line: "engram ... started in 1.234s". */
    private static final String STARTED = ") started in ";

    /** Median of the runs, with the resident set at that moment. */
    record Result(String variant, double seconds, double rssMb, int runs) {
    }

    Result defaultVariant(int runs) {
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Map<String, String> env = Bench.engramEnv(Bench.PREFIX + "ready-", Bench.HTTP_PORT);
            try (var app = EngramProcess.start("default", Bench.APPS.resolve("default"), List.of(), env,
                    Bench.OUT.resolve("logs/ready-default-" + i + ".log"))) {
                double s = app.awaitHttp200(URI.create("http://localhost:" + Bench.HTTP_PORT
                        + "/q/health/ready"), Duration.ofSeconds(120));
                samples.add(new double[] {s, app.rssMb()});
            }
        }
        return median("default", samples);
    }

    Result lambdaVariant(String variant, String handler, int runs) throws IOException {
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Map<String, String> env = Bench.engramEnv(Bench.PREFIX + "ready-", Bench.HTTP_PORT);
            env.put("AWS_LAMBDA_FUNCTION_NAME", "engram-" + variant);
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "2048");
            env.put("AWS_REGION", "us-east-1");
            if (handler != null) {
                env.put("QUARKUS_LAMBDA_HANDLER", handler);
            }
            Path log = Bench.OUT.resolve("logs/ready-" + variant + "-" + i + ".log");
            try (var app = EngramProcess.start(variant, Bench.APPS.resolve(variant), Bench.FUNCTION_JVM_OPTS, env,
                    log)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!Files.readString(log).contains(STARTED)) {
                    if (!app.alive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException(variant + " did not start; see " + log);
                    }
                    Bench.sleep(10);
                }
                samples.add(new double[] {app.secondsSinceStart(), app.rssMb()});
            }
        }
        return median(variant, samples);
    }

    private static Result median(String variant, List<double[]> samples) {
        samples.sort(Comparator.comparingDouble(s -> s[0]));
        double[] m = samples.get(samples.size() / 2);
        return new Result(variant, m[0], m[1], samples.size());
    }
}
