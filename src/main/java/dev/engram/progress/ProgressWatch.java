package dev.engram.progress;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Pushes a job's progress to whoever watches it (the progress WebSocket and server-sent events of a local server),
 * whenever it changes, then its final state. The stages write progress to the job table and know nobody listening:
 * one poller reads every watched job in a batch read per interval and hands each change to that job's listeners, so
 * 200 sockets on 50 jobs cost one read of 50 keys per interval. (On AWS the job table's stream drives the
 * WebSocket API instead.)
 */
@ApplicationScoped
class ProgressWatch {

    private static final Logger LOG = Logger.getLogger(ProgressWatch.class);

    /** How often watched jobs are read. */
    @ConfigMapping(prefix = "engram.progress.watch")
    public interface Settings {
        /** Interval between two reads of the watched jobs. */
        @WithDefault("PT0.5S")
        Duration interval();
    }

    /** Receives a watched job's changes, on the watch's thread: hand slow work elsewhere. */
    public interface Listener {
        /** The job's progress changed; when {@code view.state()} is final this is the last call. */
        void changed(ProgressView view);

        /** The job no longer exists (purged); the last call. */
        void gone();
    }

    /** A listener's registration; cancel it when the client leaves. */
    public interface Subscription {
        void cancel();
    }

    private final JobStore jobs;
    private final Settings settings;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> polling;

    ProgressWatch(JobStore jobs, Settings settings) {
        this.jobs = jobs;
        this.settings = settings;
    }

    /** What the listeners of one job were last told. */
    private static final class Watched {
        final List<Listener> listeners = new CopyOnWriteArrayList<>();
        volatile ProgressView last;

        Watched(ProgressView last) {
            this.last = last;
        }
    }

    /**
     * Watches {@code taskId}, whose progress the caller has just sent as {@code current}: the listener hears every
     * change after it.
     */
    public Subscription watch(String taskId, ProgressView current, Listener listener) {
        Watched w = watched.computeIfAbsent(taskId, k -> new Watched(current));
        w.listeners.add(listener);
        if (w.last == null || !w.last.equals(current)) {
            // This job is watched already and its listeners were told something newer or older: catch up.
            listener.changed(w.last == null ? current : w.last);
        }
        ensurePolling();
        return () -> {
            w.listeners.remove(listener);
            watched.computeIfPresent(taskId, (k, v) -> v.listeners.isEmpty() ? null : v);
        };
    }

    /** Jobs watched right now. */
    public Set<String> watchedJobs() {
        return Set.copyOf(watched.keySet());
    }

    private synchronized void ensurePolling() {
        if (polling == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress-watch");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(50, settings.interval().toMillis());
            polling = timer.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        }
    }

    void poll() {
        // Only the jobs read now: one watched from this moment on is read next time, not taken for gone.
        Set<String> reading = Set.copyOf(watched.keySet());
        if (reading.isEmpty()) {
            return;
        }
        Map<String, Job> current;
        try {
            current = jobs.findAll(reading);
        } catch (RuntimeException e) {
            LOG.warnf("progress watch could not read %d jobs now (%s); it tries again", reading.size(),
                    e.getMessage());
            return;
        }
        for (String taskId : reading) {
            Watched w = watched.get(taskId);
            if (w == null) {
                continue;
            }
            Job job = current.get(taskId);
            if (job == null) {
                watched.remove(taskId);
                w.listeners.forEach(ProgressWatch::tellGone);
                continue;
            }
            ProgressView view = ProgressView.of(job);
            if (view.equals(w.last)) {
                continue;
            }
            w.last = view;
            if (job.state().finished()) {
                watched.remove(taskId);
            }
            w.listeners.forEach(l -> tell(l, view));
        }
    }

    private static void tell(Listener listener, ProgressView view) {
        try {
            listener.changed(view);
        } catch (RuntimeException e) {
            LOG.debugf(e, "a progress listener failed");
        }
    }

    private static void tellGone(Listener listener) {
        try {
            listener.gone();
        } catch (RuntimeException e) {
            LOG.debugf(e, "a progress listener failed");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
