package dev.engram.platform.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Background CPU priority for the calling thread, on Linux: Engram run as one process (locally, the API beside the
 * pipeline stages) keeps answering requests promptly while its embedding and polling threads keep the cores busy,
 * because the scheduler serves the API's short bursts first. On Lambda each function has its CPU to itself and the
 * setting stays 0. Best effort: where the thread id or {@code renice} is not available, nothing changes.
 */
public final class ThreadNice {

    private static final Logger LOG = Logger.getLogger(ThreadNice.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private ThreadNice() {
    }

    /**
     * Lowers the calling thread's priority to nice {@code nice} (1 to 19; 0 leaves it as it is). Threads it starts
     * later inherit the value.
     */
    public static void lowerCurrentThread(int nice) {
        if (nice <= 0 || !Files.isSymbolicLink(THREAD_SELF)) {
            return;
        }
        try {
            // "/proc/thread-self" links to "<pid>/task/<tid>"; Linux schedules threads by their own nice value.
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(Math.min(19, nice)), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                warnOnce("renice did not succeed");
            }
        } catch (IOException | RuntimeException e) {
            warnOnce(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void warnOnce(String why) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.infof("background threads keep the normal CPU priority (%s)", why);
        }
    }
}
