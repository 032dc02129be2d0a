package dev.engram.memory;

import dev.engram.embed.ActiveEmbedder;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.platform.schedule.ScheduledStage;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Re-computes stored vectors after the embedding model changed: memories whose vector came from another model are
 * re-embedded a batch at a time, each batch its own short transaction, so search keeps working throughout (on the
 * old vectors until a memory's turn comes). Runs on the schedule (the worker's scheduled stage on AWS) and, when an
 * admin asks, in the background until done.
 */
@ApplicationScoped
public class ReembedService implements ScheduledStage {

    private static final Logger LOG = Logger.getLogger(ReembedService.class);
    private static final int BATCH = 32;
    private static final int ROWS_PER_SCHEDULED_RUN = 2_048;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ActiveEmbedder embedder;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reembed");
        t.setDaemon(true);
        return t;
    });

    private final MemoryRepository repository;

    ReembedService(Pool pool, ReactiveBridge bridge, ActiveEmbedder embedder, MemoryRepository repository) {
        this.repository = repository;
        this.pool = pool;
        this.bridge = bridge;
        this.embedder = embedder;
    }

    /**
     * How far re-embedding is.
     *
     * @param model   the configured model every vector should come from
     * @param total   live memories
     * @param stale   memories whose vector is missing or from another model
     * @param running whether a background run is going on in this instance
     */
    public record Status(String model, long total, long stale, boolean running) {
    }

    @Override
    public String name() {
        return "reembed";
    }

    @Override
    public int run() {
        return reembed(ROWS_PER_SCHEDULED_RUN);
    }

    /** Starts a background run until no stale vector is left; returns the status at the start. */
    public Status start() {
        if (running.compareAndSet(false, true)) {
            background.submit(() -> {
                try {
                    int n;
                    long total = 0;
                    do {
                        n = reembed(BATCH * 8);
                        total += n;
                    } while (n > 0);
                    LOG.infof("re-embedding finished: %d memories now use %s", total, embedder.get().model());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "re-embedding stopped; it resumes on the next run");
                } finally {
                    running.set(false);
                }
            });
        }
        return status();
    }

    public Status status() {
        String model = embedder.get().model();
        return bridge.await(() -> repository.countStale(pool, model)
                .map(c -> new Status(model, c.total(), c.stale(), running.get())));
    }

    /** Re-embeds up to {@code limit} stale memories; returns how many. */
    int reembed(int limit) {
        String model = embedder.get().model();
        int done = 0;
        while (done < limit) {
            List<UUID> ids = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            bridge.await(() -> repository.findStale(pool, model, BATCH)).forEach(r -> {
                ids.add(r.id());
                texts.add(r.content());
            });
            if (ids.isEmpty()) {
                break;
            }
            List<float[]> vectors = embedder.get().embedAll(texts);
            List<String> literals = vectors.stream().map(PgVectors::literal).toList();
            bridge.await(() -> repository.setEmbeddings(pool, ids, literals, model));
            done += ids.size();
        }
        return done;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
