package dev.engram.platform.local;

import dev.engram.platform.schedule.ScheduledStage;
import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/** The EventBridge schedules of template.yaml, locally: every scheduled stage every few minutes. */
@ApplicationScoped
public class LocalSchedule {

    private static final Logger LOG = Logger.getLogger(LocalSchedule.class);

    private final List<ScheduledStage> stages;
    private final LocalRunnerSettings settings;

    LocalSchedule(@All List<ScheduledStage> stages, LocalRunnerSettings settings) {
        this.stages = stages;
        this.settings = settings;
    }

    @Scheduled(every = "${engram.local.runner.schedule-every:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runAll() {
        if (!settings.enabled()) {
            return;
        }
        for (ScheduledStage stage : stages) {
            try {
                stage.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "scheduled stage %s failed; it runs again next time", stage.name());
            }
        }
    }
}
