package dev.engram.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Engram JVM started from a packaged quarkus-app, with its start time and its memory as the kernel sees it. */
public final class EngramProcess implements AutoCloseable {

    private final Process process;
    private final long startedNanos;
    private final String name;

    private EngramProcess(Process process, long startedNanos, String name) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.name = name;
    }

    /** Starts {@code quarkus-run.jar} of {@code appDir} with the given JVM options and environment. */
    public static EngramProcess start(String name, Path appDir, List<String> jvmOptions, Map<String, String> env,
            Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jarOf(appDir).toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Settings the shell or Makefile exported for `make run` must not leak into a benchmark instance.
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("ENGRAM_")
                || k.startsWith("MP_JWT") || k.startsWith("AWS_LAMBDA") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            long t0 = System.nanoTime();
            return new EngramProcess(pb.start(), t0, name);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** The packaged application: quarkus-run.jar (fast-jar), else the runner jar the Lambda builds make. */
    static Path jarOf(Path appDir) {
        Path fastJar = appDir.resolve("quarkus-run.jar");
        if (Files.exists(fastJar)) {
            return fastJar;
        }
        try (var files = Files.list(appDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no application jar in " + appDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Seconds from the JVM's start to a {@link System#nanoTime()} reading. */
    double secondsAt(long nanos) {
        return (nanos - startedNanos) / 1e9;
    }

    /** Seconds since the JVM was started. */
    double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Seconds from JVM start until {@code url} answers 200 (polled every 20 ms). */
    public double awaitHttp200(URI url, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                var response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return secondsSinceStart();
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Bench.sleep(20);
        }
        throw new IllegalStateException(name + " not ready within " + timeout);
    }

    /** Current resident set in MB ({@code VmRSS}). */
    double rssMb() {
        return status("VmRSS:");
    }

    /** Peak resident set in MB since start ({@code VmHWM}). */
    double peakRssMb() {
        return status("VmHWM:");
    }

    private double status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
