package dev.engram.review;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.platform.schedule.ScheduledStage;
import dev.engram.progress.JobStore;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

    ExpireStage(Pool pool, ReactiveBridge bridge, ReviewSettings settings, JobStore jobs) {
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
        // Per job this run touched: how many of its memories expired, and whether nothing is left open to review
        // (the outer query sees the rows as they were before the update, hence the exclusion of the expired ones).
        List<Expired> perJob = bridge.await(() -> pool.preparedQuery("""
                WITH expired AS (
                    UPDATE pending_memories SET status = 'expired', updated_at = now()
                    WHERE status IN ('pending', 'duplicate') AND created_at < $1
                    RETURNING id, job_id)
                SELECT e.job_id, count(*) AS expired,
                       NOT EXISTS (SELECT 1 FROM pending_memories p WHERE p.job_id = e.job_id
                                   AND p.status IN ('pending', 'duplicate')
                                   AND p.id <> ALL (SELECT id FROM expired)) AS settled
                FROM expired e GROUP BY e.job_id""")
                .execute(Tuple.of(cutoff)).map(rows -> {
                    List<Expired> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Expired(r.getString("job_id"), r.getLong("expired"),
                            r.getBoolean("settled"))));
                    return out;
                }));
        int expired = 0;
        for (Expired e : perJob) {
            expired += (int) e.memories();
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

    /** What one run expired of one job's extraction, and whether nothing is left open to review in it. */
    private record Expired(String jobId, long memories, boolean nothingOpen) {
    }
}
