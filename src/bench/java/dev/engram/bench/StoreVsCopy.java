package dev.engram.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.embed.BenchEmbedders;
import dev.engram.embed.Embedder;
import dev.engram.extract.MemoryCandidate;
import dev.engram.progress.JobOptions;
import dev.engram.review.BenchStores;
import dev.engram.review.PendingMemoryStore;
import dev.engram.review.ProposedMemory;
import dev.engram.split.Chunk;
import dev.engram.split.ChunkReady;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

/**
 * Engram's store path ({@link PendingMemoryStore#store}: one transaction per chunk with its advisory lock, chunk row,
 * duplicate look-ups and batched insert) against a single {@code COPY} of the same memory rows into a table shaped
 * like {@code pending_memories} (same columns, indexes and constraints), both on the same Postgres in the same run.
 */
final class StoreVsCopy {

    record Result(int chunks, int memories, double storeSeconds, double copySeconds) {
        double storePerSecond() {
            return memories / storeSeconds;
        }

        double copyPerSecond() {
            return memories / copySeconds;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    Result run(List<Chunk> documentChunks, List<List<ProposedMemory>> proposed, Embedder embedder, int threads)
            throws Exception {
        // Chunk indexes restart in every document: number them through, so every chunk is stored as its own.
        List<Chunk> chunks = new ArrayList<>(documentChunks.size());
        for (int i = 0; i < documentChunks.size(); i++) {
            Chunk c = documentChunks.get(i);
            chunks.add(new Chunk(i, c.text(), c.start(), c.end(), c.overlapChars(), c.pageStart(), c.pageEnd(),
                    c.headingPath(), c.tokens()));
        }
        Vertx vertx = Vertx.vertx();
        PgPool pool = PgPool.pool(vertx, new PgConnectOptions().setHost("localhost").setPort(Bench.PG_PORT)
                .setDatabase(Bench.DATABASE).setUser("engram").setPassword("engram"),
                new PoolOptions().setMaxSize(8));
        try {
            PendingMemoryStore store = BenchStores.pending(pool, BenchEmbedders.active(embedder));
            String run = UUID.randomUUID().toString().substring(0, 8);
            // Warm-up on a few chunks of a throw-away job, so neither side pays for class loading (one thread
            // first: Mutiny's context propagation initialises itself on first use).
            storeAll(store, "bench-store-warmup-" + run, chunks.subList(0, Math.min(8, chunks.size())),
                    proposed, 1);
            long t0 = System.nanoTime();
            int memories = storeAll(store, "bench-store-" + run, chunks, proposed, threads);
            double storeSeconds = (System.nanoTime() - t0) / 1e9;
            double copySeconds = copy(chunks, proposed, "bench-copy-" + run);
            return new Result(chunks.size(), memories, storeSeconds, copySeconds);
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
    }

    private int storeAll(PendingMemoryStore store, String taskId, List<Chunk> chunks,
            List<List<ProposedMemory>> proposed, int threads) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger stored = new AtomicInteger();
        JobOptions options = new JobOptions(List.of("all"), null, "UTC", false);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("store-" + t).start(() -> {
                for (int i; (i = next.getAndIncrement()) < chunks.size(); ) {
                    var m = new ChunkReady(taskId, taskId + "-x", "bench-store-user", chunks.size(), chunks.get(i),
                            options);
                    stored.addAndGet(store.store(m, proposed.get(i)).stored());
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return stored.get();
    }

    /** COPY of the same rows the store path writes to pending_memories; returns seconds. */
    private double copy(List<Chunk> chunks, List<List<ProposedMemory>> proposed, String taskId) throws Exception {
        try (Connection db = Bench.database()) {
            try (Statement st = db.createStatement()) {
                st.execute("DROP TABLE IF EXISTS bench_copy_pending");
                st.execute("CREATE TABLE bench_copy_pending (LIKE pending_memories INCLUDING ALL)");
            }
            long t0 = System.nanoTime();
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < chunks.size(); i++) {
                List<ProposedMemory> ps = proposed.get(i);
                for (int j = 0; j < ps.size(); j++) {
                    MemoryCandidate c = ps.get(j).candidate();
                    csv.append(PendingMemoryStore.pendingId(taskId, chunks.get(i).index(), j)).append(',')
                            .append(taskId).append("-x,").append(taskId).append(",bench-store-user,")
                            .append(chunks.get(i).index()).append(',').append(j).append(',')
                            .append(quote(c.content())).append(',').append(c.type().wireName()).append(',')
                            .append((float) c.confidence()).append(',')
                            .append(quote(JSON.writeValueAsString(c.metadata()))).append(',')
                            .append(quote(JSON.writeValueAsString(c.suggestedTags()))).append(',')
                            .append(quote(vector(ps.get(j).embedding()))).append(",bge-small-en-v1.5-q,pending\n");
                }
            }
            db.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY bench_copy_pending (id, extraction_id, job_id, user_id, chunk_index, ordinal, content,
                        memory_type, confidence, metadata, tags, embedding, embedding_model, status)
                    FROM STDIN WITH (FORMAT csv)""", new StringReader(csv.toString()));
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private static String vector(float[] v) {
        StringBuilder sb = new StringBuilder(v.length * 10).append('[');
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(v[i]);
        }
        return sb.append(']').toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
