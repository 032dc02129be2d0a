package dev.engram.bench;

import dev.engram.embed.Embedder;
import dev.engram.extract.ExtractionContext;
import dev.engram.extract.MemoryType;
import dev.engram.extract.rules.RulesExtractor;
import dev.engram.process.Proposals;
import dev.engram.review.ProposedMemory;
import dev.engram.split.Chunk;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The compute ceiling of the process stage: what {@code ProcessStage} does to a chunk before it touches a queue, a
 * table or the network (rules extraction, dropping candidates that lie in the overlap, embedding the rest), run
 * in-process on the same number of caller threads as Engram's chunk pollers and on batches of the same size as
 * the chunk queue's (the process stage embeds a batch's memories together).
 */
final class Ceiling {

    /** Chunks per batch: the chunk queue's batch size ({@code engram.queues.batch-size}). */
    static final int BATCH = Integer.getInteger("bench.batch", 10);

    /** Outcome of one run: elapsed time and, per chunk, the proposed memories. */
    record Result(double seconds, int chunks, int memories, List<List<ProposedMemory>> proposed) {
        double chunksPerSecond() {
            return chunks / seconds;
        }
    }

    private final RulesExtractor extractor = new RulesExtractor();
    private final ExtractionContext context = new ExtractionContext(MemoryType.parseSelection(null), null,
            ZoneId.of("UTC"));

    void warmUp(Embedder embedder, List<Chunk> chunks, int threads) {
        run(embedder, chunks, threads);
    }

    Result run(Embedder embedder, List<Chunk> chunks, int threads) {
        List<List<ProposedMemory>> out = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            out.add(null);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger memories = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("ceiling-" + t).start(() -> {
                for (int from; (from = next.getAndAdd(BATCH)) < chunks.size(); ) {
                    List<Chunk> batch = chunks.subList(from, Math.min(chunks.size(), from + BATCH));
                    List<List<ProposedMemory>> p = process(embedder, batch);
                    for (int k = 0; k < p.size(); k++) {
                        memories.addAndGet(p.get(k).size());
                        out.set(from + k, p.get(k));
                    }
                }
            }));
        }
        joinAll(workers);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(seconds, chunks.size(), memories.get(), out);
    }

    /** Waits for the caller threads of a run. */
    static void joinAll(List<Thread> workers) {
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The same steps as the process stage on a batch (ProcessStage.consumeTogether), minus queues and tables. */
    List<List<ProposedMemory>> process(Embedder embedder, List<Chunk> batch) {
        return Proposals.embed(embedder, batch.stream().map(c -> Proposals.candidates(extractor, c, context)).toList());
    }
}
