package dev.engram.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU seconds of a JVM's threads by their full Java names (digits folded to {@code #}), from the {@code cpu=} field of
 * {@code jcmd <pid> Thread.print}. The kernel cuts thread names to 15 characters, so {@code /proc} cannot tell the
 * {@code local-event-source-ingest} pollers (the split stage) from the {@code local-event-source-chunks} ones.
 */
final class JavaThreadCpu {

    private static final Pattern THREAD = Pattern.compile("(?m)^\"([^\"]+)\" .*?cpu=([0-9.]+)ms");

    private final long pid;
    private final Map<String, Double> start;

    private JavaThreadCpu(long pid) {
        this.pid = pid;
        this.start = sample(pid);
    }

    static JavaThreadCpu start(long pid) {
        return new JavaThreadCpu(pid);
    }

    /** CPU seconds per thread group since the start, largest first (groups under 0.05 s left out). */
    Map<String, Double> stop() {
        return CpuAccount.usedSince(start, sample(pid));
    }

    private static Map<String, Double> sample(long pid) {
        Map<String, Double> byName = new TreeMap<>();
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            Matcher m = THREAD.matcher(dump);
            while (m.find()) {
                byName.merge(m.group(1).replaceAll("[0-9]+", "#"), Double.parseDouble(m.group(2)) / 1000,
                        Double::sum);
            }
        } catch (IOException e) {
            Bench.log("no thread dump of %d: %s", pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return byName;
    }
}
