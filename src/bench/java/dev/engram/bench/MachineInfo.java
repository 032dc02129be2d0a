package dev.engram.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel says about the machine the run is on. */
final class MachineInfo {

    private MachineInfo() {
    }

    static long memoryKb() {
        String line = first(Path.of("/proc/meminfo"), "MemTotal:");
        return line == null ? 0 : Long.parseLong(line.replaceAll("\\D", ""));
    }

    static String cpuModel() {
        String line = first(Path.of("/proc/cpuinfo"), "model name");
        return line == null ? "unknown" : line.substring(line.indexOf(':') + 1).trim();
    }

    static String os() {
        String line = first(Path.of("/etc/os-release"), "PRETTY_NAME=");
        return line == null ? System.getProperty("os.name") : line.substring(12).replace("\"", "");
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String first(Path file, String prefix) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
