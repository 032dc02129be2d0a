package dev.engram.bench;

import dev.engram.embed.Embedder;
import dev.engram.extract.ExtractionContext;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.extract.rules.RulesExtractor;
import dev.engram.review.ProposedMemory;
import dev.engram.split.Chunk;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The compute ceiling of the process stage: what {@code ChunkProcessor} does to a chunk before it touches a queue, a
 * table or the network (rules extraction, dropping candidates that lie in the overlap, embedding the rest), run
 * in-process on the same number of caller threads as Engram's chunk pollers.
 */
final class Ceiling {

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
                for (int i; (i = next.getAndIncrement()) < chunks.size(); ) {
                    List<ProposedMemory> p = process(embedder, chunks.get(i));
                    memories.addAndGet(p.size());
                    out.set(i, p);
                }
            }));
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(seconds, chunks.size(), memories.get(), out);
    }

    /** The same steps as ChunkProcessor.propose. */
    List<ProposedMemory> process(Embedder embedder, Chunk chunk) {
        List<MemoryCandidate> candidates = new ArrayList<>();
        for (MemoryCandidate c : extractor.extract(chunk.text(), context)) {
            boolean inOverlap = chunk.overlapChars() > 0 && c.sourceStart() >= 0
                    && c.sourceEnd() <= chunk.overlapChars();
            if (!inOverlap && context.wants(c.type())) {
                candidates.add(c);
            }
        }
        List<float[]> vectors = embedder.embedAll(candidates.stream().map(MemoryCandidate::content).toList());
        List<ProposedMemory> proposed = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            proposed.add(new ProposedMemory(candidates.get(i), vectors.get(i)));
        }
        return proposed;
    }
}
