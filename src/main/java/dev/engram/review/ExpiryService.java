package dev.engram.review;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.platform.schedule.ScheduledStage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/** The expire stage: memories left unreviewed past the pending TTL become {@code expired}. Idempotent. */
@ApplicationScoped
public class ExpiryService implements ScheduledStage {

    private static final Logger LOG = Logger.getLogger(ExpiryService.class);

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ReviewSettings settings;

    ExpiryService(Pool pool, ReactiveBridge bridge, ReviewSettings settings) {
        this.pool = pool;
        this.bridge = bridge;
        this.settings = settings;
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
        int expired = bridge.await(() -> pool.preparedQuery("""
                UPDATE pending_memories SET status = 'expired', updated_at = now()
                WHERE status IN ('pending', 'duplicate') AND created_at < $1""")
                .execute(Tuple.of(cutoff)).map(rows -> rows.rowCount()));
        if (expired > 0) {
            LOG.infof("expired %d memories left unreviewed since before %s", expired, cutoff);
        }
        return expired;
    }
}
