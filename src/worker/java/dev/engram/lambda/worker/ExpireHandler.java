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
 * The expire function, run by an EventBridge schedule: it expires memories left unreviewed past their TTL, sweeps
 * jobs an interrupted delivery left unfinished, keeps the chat tiers (idle conversations summarized, message contents
 * purged after their summary, idle summary memories expired), then re-embeds up to one batch of memories whose vector came from
 * another embedding model (the {@code reembed} stage, 2,048 a run), so re-embedding after a model change finishes on
 * AWS, where a background thread in the API function would be frozen with it. The event carries nothing the stages
 * need, so it is read as a plain map rather than bound to a model class. Its stages, in order:
 * {@link dev.engram.review.ExpireStage} ({@code expire}), {@link dev.engram.progress.JobSweeper} ({@code sweep}),
 * {@link dev.engram.graph.GraphOutbox} ({@code graph-resend}), {@link dev.engram.chat.ChatTierStage}
 * ({@code chat-tiers}) and {@link dev.engram.memory.ReembedService} ({@code reembed}).
 */
@Named("expire")
public class ExpireHandler implements RequestHandler<Map<String, Object>, ExpireHandler.Outcome> {

    static final String STAGE = "expire";
    static final String REEMBED = "reembed";
    /** Run after the sweep: idle conversations summarized, message contents purged, idle summaries expired. */
    static final String CHAT_TIERS = "chat-tiers";
    /** Run after the expiry on the same schedule. */
    static final String SWEEP = "sweep";
    /** Sends graph work left pending again ({@code graph-resend}), when the graph is part of the build. */
    static final String GRAPH_RESEND = "graph-resend";
    private static final Logger LOG = Logger.getLogger(ExpireHandler.class);

    private final ScheduledStage stage;
    private final ScheduledStage sweep;
    private final ScheduledStage reembed;
    private final ScheduledStage graphResend;
    private final ScheduledStage chatTiers;
    @Inject
    MetricsFlush metrics;

    ExpireHandler(@All List<ScheduledStage> stages) {
        this.stage = ScheduledStage.required(stages, STAGE);
        this.sweep = ScheduledStage.required(stages, SWEEP);
        this.reembed = ScheduledStage.named(stages, REEMBED).orElse(null);
        this.graphResend = ScheduledStage.named(stages, GRAPH_RESEND).orElse(null);
        this.chatTiers = ScheduledStage.named(stages, CHAT_TIERS).orElse(null);
    }

    @Override
    public Outcome handleRequest(Map<String, Object> event, Context context) {
        try {
            LogContext.put(LogContext.REQUEST_ID, context == null ? null : context.getAwsRequestId());
            int changed = stage.run();
            LOG.infof("scheduled stage %s changed %d items (event %s)", STAGE, changed,
                    event == null ? "none" : event.getOrDefault("id", "without id"));
            int settled = sweep.run();
            LOG.infof("scheduled stage %s settled %d jobs", SWEEP, settled);
            int resent = graphResend == null ? 0 : graphResend.run();
            if (resent > 0) {
                LOG.infof("scheduled stage %s sent %d graph requests again", GRAPH_RESEND, resent);
            }
            if (chatTiers != null) {
                LOG.infof("scheduled stage %s changed %d items", CHAT_TIERS, chatTiers.run());
            }
            int reembedded = reembed == null ? 0 : reembed.run();
            if (reembedded > 0) {
                LOG.infof("scheduled stage %s re-embedded %d memories", REEMBED, reembedded);
            }
            return new Outcome(STAGE, changed, reembedded);
        } finally {
            LogContext.clear();
            metrics.flush();
        }
    }

    /**
     * What a run did.
     *
     * @param stage   the stage that ran
     * @param changed how many items it changed
     * @param reembedded how many memories the reembed stage gave a vector from the configured model
     */
    public record Outcome(String stage, int changed, int reembedded) {
    }
}
