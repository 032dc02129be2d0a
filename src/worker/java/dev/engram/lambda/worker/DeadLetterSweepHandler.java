package dev.engram.lambda.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.engram.platform.logging.LogContext;
import dev.engram.platform.metrics.MetricsFlush;
import dev.engram.platform.schedule.ScheduledStage;
import io.quarkus.arc.All;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The dead-letter sweep function, run by the expire schedule: sends transient dead letters back to their work queue
 * with a growing delay and escalates the rest once (the {@code dlq-sweep} stage,
 * {@link dev.engram.admin.DeadLetterSweeper}). Its own function, so that only it
 * may receive from the dead-letter queues and publish to the alarm topic.
 */
@Named("dlq-sweep")
public class DeadLetterSweepHandler implements RequestHandler<Map<String, Object>, ExpireHandler.Outcome> {

    static final String STAGE = "dlq-sweep";
    private static final Logger LOG = Logger.getLogger(DeadLetterSweepHandler.class);

    private final ScheduledStage stage;
    @Inject
    MetricsFlush metrics;

    DeadLetterSweepHandler(@All List<ScheduledStage> stages) {
        this.stage = ScheduledStage.required(stages, STAGE);
    }

    @Override
    public ExpireHandler.Outcome handleRequest(Map<String, Object> event, Context context) {
        try {
            LogContext.put(LogContext.REQUEST_ID, context == null ? null : context.getAwsRequestId());
            int moved = stage.run();
            LOG.infof("scheduled stage %s sent back or removed %d dead letters", STAGE, moved);
            return new ExpireHandler.Outcome(STAGE, moved, 0);
        } finally {
            LogContext.clear();
            metrics.flush();
        }
    }
}
