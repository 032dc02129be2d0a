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
 * Everything else is the machine's busy time ({@code /proc/stat}) less the parts: summing the other processes instead
 * lost the work of those that ended within the interval, and one that ended after a long life took its whole CPU time
 * off the sum. Shows where the cores went while the pipeline ran; Linux only, empty elsewhere.
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
        double parts = 0;
        for (String part : new String[] {"engram", "aws_stand_ins", "postgres", "bench_driver"}) {
            double seconds = Math.max(0, end.getOrDefault(part, 0.0) - start.getOrDefault(part, 0.0));
            parts += seconds;
            used.put(part, Math.round(seconds * 100) / 100.0);
        }
        double machine = end.getOrDefault(MACHINE, 0.0) - start.getOrDefault(MACHINE, 0.0);
        used.put("other", Math.round(Math.max(0, machine - parts) * 100) / 100.0);
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

    /** The machine's busy CPU seconds, all cores: user, nice, system, irq, softirq and steal of {@code /proc/stat}. */
    private static final String MACHINE = "machine";

    static double machineBusySeconds(String procStat) {
        String[] f = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst().orElse("cpu").trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += i < f.length ? Long.parseLong(f[i]) : 0;
        }
        return busy / TICKS_PER_SECOND;
    }

    private Map<String, Double> sample() {
        Map<String, Double> byPart = new TreeMap<>();
        try {
            byPart.put(MACHINE, machineBusySeconds(Files.readString(Path.of("/proc/stat"))));
        } catch (IOException e) {
            return Map.of();
        }
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
