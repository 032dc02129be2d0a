package dev.engram.platform.metrics;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Writes what Engram's meters recorded since the last flush as EMF lines on stdout. Lambda handlers call
 * {@link #flush()} when an invocation ends (the API function through {@link MetricsFlushFilter}): the process may
 * be frozen right after, so nothing waits for a background schedule, and nothing calls a CloudWatch API.
 */
@ApplicationScoped
public class MetricsFlush {

    private static final Logger LOG = Logger.getLogger(MetricsFlush.class);

    private final EmfMeterRegistry registry;
    private final EmfSettings settings;
    private final Consumer<String> out;

    @Inject
    MetricsFlush(EmfMeterRegistry registry, EmfSettings settings) {
        this(registry, settings, stdout());
    }

    MetricsFlush(EmfMeterRegistry registry, EmfSettings settings, Consumer<String> out) {
        this.registry = registry;
        this.settings = settings;
        this.out = out;
    }

    /** Whether EMF output is on (in Lambda, or forced by configuration). */
    public boolean active() {
        return settings.active();
    }

    /** Writes the metrics recorded since the last flush; does nothing when EMF output is off. */
    public void flush() {
        if (!settings.active()) {
            return;
        }
        try {
            Map<String, String> properties = settings.functionName().map(f -> Map.of("function", f)).orElse(Map.of());
            List<String> lines = EmfDocuments.render(settings.namespace(), System.currentTimeMillis(),
                    registry.drain(), properties);
            lines.forEach(out);
        } catch (RuntimeException e) {
            // Metrics must never fail the work they measure.
            LOG.warnf(e, "metrics flush failed");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }

    @SuppressWarnings("java:S106") // stdout is where Lambda's log capture, and so EMF, reads from
    private static Consumer<String> stdout() {
        PrintStream stdout = System.out;
        return line -> {
            synchronized (stdout) {
                stdout.println(line);
                stdout.flush();
            }
        };
    }
}
