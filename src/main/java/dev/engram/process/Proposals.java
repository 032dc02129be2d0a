package dev.engram.process;

import dev.engram.embed.Embedder;
import dev.engram.extract.ExtractionContext;
import dev.engram.extract.Extractor;
import dev.engram.extract.MemoryCandidate;
import dev.engram.review.ProposedMemory;
import dev.engram.split.Chunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process stage's compute, free of queues and tables: a chunk's memory candidates, and one embedding pass for the
 * candidates of many chunks (short texts from several chunks batch and pad better than one chunk's alone, and a
 * text that recurs is embedded once).
 */
public final class Proposals {

    private Proposals() {
    }

    /**
     * The candidates of the requested types, without those that lie entirely in the overlap with the chunk before.
     * The extractor sees the chunk's heading path, so a chunk that starts inside a section knows it, and the people
     * the document lists as present.
     */
    public static List<MemoryCandidate> candidates(Extractor extractor, Chunk chunk, ExtractionContext context) {
        List<MemoryCandidate> candidates = new ArrayList<>();
        for (MemoryCandidate c : extractor.extract(chunk.text(),
                context.under(chunk.headingPath()).knowing(chunk.people()).after(chunk.spokenBefore()))) {
            boolean inOverlap = chunk.overlapChars() > 0 && c.sourceStart() >= 0
                    && c.sourceEnd() <= chunk.overlapChars();
            if (!inOverlap && context.wants(c.type())) {
                candidates.add(c);
            }
        }
        return candidates;
    }

    /**
     * Embeds the candidates of several chunks in one call.
     *
     * @param candidates per chunk, its candidates
     * @return per chunk, its proposed memories in the same order
     */
    public static List<List<ProposedMemory>> embed(Embedder embedder, List<List<MemoryCandidate>> candidates) {
        // The same text is embedded once: a sentence is often both a task and a date, and notes repeat lines.
        Map<String, Integer> distinct = new LinkedHashMap<>();
        candidates.forEach(list -> list.forEach(c -> distinct.putIfAbsent(c.content(), distinct.size())));
        List<float[]> vectors = embedder.embedAll(List.copyOf(distinct.keySet()));
        List<List<ProposedMemory>> proposed = new ArrayList<>(candidates.size());
        for (List<MemoryCandidate> list : candidates) {
            List<ProposedMemory> chunk = new ArrayList<>(list.size());
            for (MemoryCandidate c : list) {
                chunk.add(new ProposedMemory(c, vectors.get(distinct.get(c.content()))));
            }
            proposed.add(chunk);
        }
        return proposed;
    }
}
