package dev.engram.bench;

import dev.engram.embed.BenchEmbedders;
import dev.engram.embed.Embedder;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.review.BenchStores;
import dev.engram.review.PendingMemoryStore;
import dev.engram.review.ProposedMemory;
import dev.engram.review.ReviewService;
import dev.engram.split.Chunk;
import dev.engram.split.ChunkReady;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling of the process stage with its store: the same chunks extracted and embedded as {@link Ceiling} does,
 * then written by the code the process stage writes through ({@link PendingMemoryStore#storeAll}, one transaction per
 * batch: advisory lock, chunk rows, duplicate look-ups, pending rows), and each document's memories auto-saved into
 * the indexed {@code memories} table by {@link ReviewService#autoSave} as soon as its last chunk is stored, as Engram
 * does for an {@code auto_save} job. One process, no queues, no job records, no HTTP: what the pipeline costs beyond
 * this is its orchestration. The clock stops when the last chunk is stored, as the pipeline's does; the auto-saves
 * still running then are awaited but not timed.
 */
final class StoredCeiling implements AutoCloseable {

    /**
     * @param seconds           start until the last chunk's rows were committed
     * @param searchableSeconds start until every document's memories were auto-saved
     */
    record Result(double seconds, double searchableSeconds, int chunks, long pendingMemories, long savedMemories) {
        double chunksPerSecond() {
            return chunks / seconds;
        }
    }

    private static final JobOptions OPTIONS = new JobOptions(List.of("all"), null, "UTC", true);

    private final Ceiling compute;
    private final Vertx vertx = Vertx.vertx();
    private final PgPool pool;
    private final PendingMemoryStore store;
    private final ReviewService review;

    /** @param poolSize connections, as many as Engram's reactive pool ({@code quarkus.datasource.reactive.max-size}) */
    StoredCeiling(Ceiling compute, Embedder embedder, int poolSize) {
        this.compute = compute;
        pool = PgPool.pool(vertx, new PgConnectOptions().setHost("localhost").setPort(Bench.PG_PORT)
                .setDatabase(Bench.DATABASE).setUser("engram").setPassword("engram"),
                new PoolOptions().setMaxSize(poolSize));
        store = BenchStores.pending(pool, BenchEmbedders.active(embedder));
        review = BenchStores.review(pool);
    }

    /** One run as {@code user}, a user of its own, so no run finds another's memories as duplicates. */
    Result run(String user, Embedder embedder, List<List<Chunk>> documents, int threads) throws SQLException {
        // One job per document, as a submission makes: its chunks numbered within it, its own extraction.
        List<ChunkReady> messages = new ArrayList<>();
        List<String> extractions = new ArrayList<>();
        List<Integer> documentOf = new ArrayList<>();
        for (int d = 0; d < documents.size(); d++) {
            String body = JobIds.newBody();
            extractions.add(JobIds.extractionId(body));
            for (Chunk c : documents.get(d)) {
                messages.add(new ChunkReady(JobIds.taskId(body), JobIds.extractionId(body), user,
                        documents.get(d).size(), c, OPTIONS));
                documentOf.add(d);
            }
        }
        AtomicInteger[] left = documents.stream().map(d -> new AtomicInteger(d.size())).toArray(AtomicInteger[]::new);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger storedChunks = new AtomicInteger();
        AtomicLong lastStored = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("stored-ceiling-" + t).start(() -> {
                try {
                    for (int from; (from = next.getAndAdd(Ceiling.BATCH)) < messages.size(); ) {
                        int to = Math.min(messages.size(), from + Ceiling.BATCH);
                        List<ChunkReady> batch = messages.subList(from, to);
                        List<List<ProposedMemory>> proposed = compute.process(embedder,
                                batch.stream().map(ChunkReady::chunk).toList());
                        store.storeAll(batch, proposed);
                        if (storedChunks.addAndGet(batch.size()) == messages.size()) {
                            lastStored.set(System.nanoTime());
                        }
                        for (int i = from; i < to; i++) {
                            int d = documentOf.get(i);
                            if (left[d].decrementAndGet() == 0) {
                                review.autoSave(user, extractions.get(d), "manual", null);
                            }
                        }
                    }
                } catch (RuntimeException | Error e) {
                    failures.add(e);
                }
            }));
        }
        Ceiling.joinAll(workers);
        long done = System.nanoTime();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the stored ceiling failed", failures.get(0));
        }
        try (Connection db = Bench.database()) {
            return new Result((lastStored.get() - start) / 1e9, (done - start) / 1e9, messages.size(),
                    PipelineRun.count(db, "SELECT count(*) FROM pending_memories WHERE user_id = ?", user),
                    PipelineRun.count(db, "SELECT count(*) FROM memories WHERE user_id = ?", user));
        }
    }

    @Override
    public void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }
}
