package dev.engram.graph;

import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.schedule.ScheduledStage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Asks the graph stage for the entities and relationships of processed chunks: a {@code graph_work} row per chunk,
 * then a message on the graph queue for each row still pending. A redelivered chunk asks again (the row is kept, the
 * message sent again, the stage does the work once); on the hourly schedule, work pending longer than
 * {@code engram.graph.resend-after} is sent again, so a crash between the row and the message loses nothing, and the
 * proposed decision and task nodes are brought in line with their memories' reviews ({@link GraphReview#sweep}).
 */
@ApplicationScoped
public class GraphOutbox implements ScheduledStage {

    /** The name of the resend sweep among the scheduled stages. */
    public static final String RESEND = "graph-resend";
    private static final Logger LOG = Logger.getLogger(GraphOutbox.class);
    private static final int RESEND_BATCH = 500;

    private final GraphWorkRepository work;
    private final QueueSender queues;
    private final GraphSettings settings;
    private final GraphReview review;

    GraphOutbox(GraphWorkRepository work, QueueSender queues, GraphSettings settings, GraphReview review) {
        this.review = review;
        this.work = work;
        this.queues = queues;
        this.settings = settings;
    }

    /** Requests the graph of these chunks (their memories are stored); nothing when the graph is off. */
    public void request(List<GraphRequested> chunks) {
        if (!settings.enabled() || chunks.isEmpty()) {
            return;
        }
        List<GraphRequested> pending = work.open(chunks);
        if (!pending.isEmpty()) {
            queues.sendAll(QueueNames.GRAPH, pending);
        }
    }

    @Override
    public String name() {
        return RESEND;
    }

    @Override
    public int run() {
        if (!settings.enabled()) {
            return 0;
        }
        List<GraphRequested> stale = work.claimStale(settings.resendAfter(), RESEND_BATCH);
        if (!stale.isEmpty()) {
            queues.sendAll(QueueNames.GRAPH, stale);
            LOG.infof("sent %d pending graph requests again", stale.size());
        }
        review.sweep();
        return stale.size();
    }
}
