package dev.engram.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU seconds each part of the local stack used over an interval, from {@code /proc/<pid>/stat} (user + system time
 * of every process): Engram, the AWS stand-ins, Postgres, the benchmark driver, and everything else on the machine.
 * Shows where the cores went while the pipeline ran; Linux only, empty elsewhere.
 */
final class CpuAccount {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long engramPid;
    private final Map<String, Double> start;
    private final Map<String, Double> startThreads;
    private final long startedNanos = System.nanoTime();

    private CpuAccount(long engramPid) {
        this.engramPid = engramPid;
        this.start = sample();
        this.startThreads = threads();
    }

    static CpuAccount start(long engramPid) {
        return new CpuAccount(engramPid);
    }

    /** CPU seconds per part since the start, plus the interval's wall-clock seconds as {@code wall}. */
    Map<String, Double> stop() {
        Map<String, Double> end = sample();
        Map<String, Double> used = new LinkedHashMap<>();
        for (String part : new String[] {"engram", "aws_stand_ins", "postgres", "bench_driver", "other"}) {
            double seconds = end.getOrDefault(part, 0.0) - start.getOrDefault(part, 0.0);
            used.put(part, Math.round(Math.max(0, seconds) * 100) / 100.0);
        }
        used.put("wall", Math.round((System.nanoTime() - startedNanos) / 1e7) / 100.0);
        return used;
    }

    /** CPU seconds per Engram thread group (thread names without their numbers) since the start, largest first. */
    Map<String, Double> engramThreads() {
        return usedSince(startThreads, threads());
    }

    /** CPU seconds per thread group between two samples, largest first, groups under 0.05 s left out. */
    static Map<String, Double> usedSince(Map<String, Double> start, Map<String, Double> end) {
        Map<String, Double> used = new LinkedHashMap<>();
        end.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - start.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> used.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
        return used;
    }

    private Map<String, Double> threads() {
        Map<String, Double> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(engramPid), "task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND,
                            Double::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended between the listing and the read.
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return byName;
    }

    private Map<String, Double> sample() {
        Map<String, Double> byPart = new TreeMap<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // Fields after the command name, which is in parentheses and may hold spaces.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                    byPart.merge(part(Long.parseLong(p.getFileName().toString()), self, p, stat), seconds,
                            Double::sum);
                } catch (IOException | RuntimeException e) {
                    // The process ended between the listing and the read.
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return byPart;
    }

    private String part(long pid, long self, Path proc, String stat) throws IOException {
        if (pid == engramPid) {
            return "engram";
        }
        if (pid == self) {
            return "bench_driver";
        }
        if (stat.contains("(postgres)")) {
            return "postgres";
        }
        String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
        return cmdline.contains("dev.engram.localaws.LocalAws") ? "aws_stand_ins" : "other";
    }
}
