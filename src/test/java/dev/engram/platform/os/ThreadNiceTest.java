package dev.engram.platform.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThreadNiceTest {

    @Test
    void lowersTheCallingThreadOnlyAndThreadsItStartsInheritIt() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux only");
        int before = niceOfCurrentThread();
        AtomicInteger lowered = new AtomicInteger(Integer.MIN_VALUE);
        AtomicInteger child = new AtomicInteger(Integer.MIN_VALUE);
        Thread t = new Thread(() -> {
            ThreadNice.lowerCurrentThread(before + 5);
            lowered.set(niceOfCurrentThread());
            Thread inner = new Thread(() -> child.set(niceOfCurrentThread()));
            inner.start();
            join(inner);
        });
        t.start();
        t.join();

        assertThat(lowered.get()).isEqualTo(Math.min(19, before + 5));
        assertThat(child.get()).isEqualTo(lowered.get());
        assertThat(niceOfCurrentThread()).as("the caller's thread only").isEqualTo(before);
    }

    @Test
    void zeroLeavesThePriorityAlone() {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux only");
        int before = niceOfCurrentThread();
        ThreadNice.lowerCurrentThread(0);
        assertThat(niceOfCurrentThread()).isEqualTo(before);
    }

    /** Field 19 of /proc/thread-self/stat, counted after the command name in parentheses (field 2). */
    private static int niceOfCurrentThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[19 - 3]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
