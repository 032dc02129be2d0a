package dev.engram.platform.logging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.formatters.StructuredFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Switches the console to one JSON object per line when {@code engram.logging.json} is on (in Lambda): timestamp,
 * level, logger, message, exception and the MDC keys of {@link LogContext} (request, user, job, message). The
 * {@code quarkus-logging-json} extension is not available for this Quarkus version, so the log manager's own JSON
 * formatter is put on the console handler at start.
 */
@ApplicationScoped
public class JsonConsoleLogs {

    private final LoggingSettings settings;

    JsonConsoleLogs(LoggingSettings settings) {
        this.settings = settings;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (settings.json()) {
            install(java.util.logging.Logger.getLogger("").getHandlers());
        }
    }

    /** Puts a JSON formatter on every console handler under {@code handlers}; returns how many it changed. */
    static int install(Handler[] handlers) {
        int changed = 0;
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                console.setFormatter(formatter());
                changed++;
            }
            if (handler instanceof ExtHandler parent) {
                changed += install(parent.getHandlers());
            }
        }
        return changed;
    }

    static JsonFormatter formatter() {
        JsonFormatter formatter = new JsonFormatter(Map.of(
                StructuredFormatter.Key.LOGGER_CLASS_NAME, "logger_class",
                StructuredFormatter.Key.LOGGER_NAME, "logger",
                StructuredFormatter.Key.THREAD_NAME, "thread",
                StructuredFormatter.Key.THREAD_ID, "thread_id",
                StructuredFormatter.Key.PROCESS_NAME, "process",
                StructuredFormatter.Key.PROCESS_ID, "process_id",
                StructuredFormatter.Key.HOST_NAME, "host"));
        formatter.setExceptionOutputType(StructuredFormatter.ExceptionOutputType.FORMATTED);
        formatter.setPrintDetails(false);
        formatter.setDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        return formatter;
    }
}
