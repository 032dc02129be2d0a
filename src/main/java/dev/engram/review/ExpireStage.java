package dev.engram.review;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.platform.schedule.ScheduledStage;
import dev.engram.progress.JobStore;
import dev.engram.review.PendingMemoryRepository.Expired;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The expire stage: memories left unreviewed past the pending TTL become {@code expired}, and so does the review
 * status of each extraction that has nothing left to review afterwards. Idempotent.
 */
@ApplicationScoped
public class ExpireStage implements ScheduledStage {

    private static final Logger LOG = Logger.getLogger(ExpireStage.class);

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ReviewSettings settings;
    private final JobStore jobs;
    private final Event<MemoriesReviewed> reviewed;

    private final PendingMemoryRepository pending;

    ExpireStage(Pool pool, ReactiveBridge bridge, ReviewSettings settings, JobStore jobs,
            Event<MemoriesReviewed> reviewed, PendingMemoryRepository pending) {
        this.reviewed = reviewed;
        this.pending = pending;
        this.pool = pool;
        this.bridge = bridge;
        this.settings = settings;
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return "expire";
    }

    @Override
    public int run() {
        return expireStale();
    }

    /** Expires every pending or duplicate memory older than the TTL; returns how many. */
    public int expireStale() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(settings.pendingTtl());
        // Per job this run touched: how many of its memories expired, and whether nothing is left open to review.
        List<Expired> perJob = bridge.await(() -> pending.expireCreatedBefore(pool, cutoff));
        int expired = 0;
        for (Expired e : perJob) {
            expired += (int) e.memories();
            reviewed.fire(new MemoriesReviewed(e.userId(), e.ids()));
            if (e.nothingOpen()) {
                try {
                    jobs.expireExtraction(e.jobId());
                } catch (RuntimeException x) {
                    LOG.warnf("could not mark the extraction of job %s expired: %s", e.jobId(), x.getMessage());
                }
            }
        }
        if (expired > 0) {
            LOG.infof("expired %d memories left unreviewed since before %s (%d extractions)", expired, cutoff,
                    perJob.size());
        }
        return expired;
    }
}
