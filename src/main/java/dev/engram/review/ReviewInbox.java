package dev.engram.review;

import dev.engram.split.ChunkReady;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Where extraction hands a chunk's proposed memories to review: the chunk and its proposals are held for their
 * owner's review exactly once per chunk, however often the chunk is delivered. The process stage's way in; how review
 * stores them (pending memories, chunks, duplicate detection) stays inside this package.
 */
@ApplicationScoped
public class ReviewInbox {

    private final PendingMemoryStore store;

    ReviewInbox(PendingMemoryStore store) {
        this.store = store;
    }

    /**
     * What review holds for one chunk.
     *
     * @param held        memories held for review for this chunk (duplicates included), by this delivery or earlier
     * @param alreadyHeld true when an earlier delivery had handed this chunk over; nothing was written
     */
    public record Received(int held, boolean alreadyHeld) {
    }

    /** Hands over one chunk's proposals. */
    public Received receive(ChunkReady chunk, List<ProposedMemory> proposed) {
        return received(store.store(chunk, proposed));
    }

    /** Hands over several chunks' proposals in one transaction; per chunk, in order, what review holds. */
    public List<Received> receiveAll(List<ChunkReady> chunks, List<List<ProposedMemory>> proposed) {
        return store.storeAll(chunks, proposed).stream().map(ReviewInbox::received).toList();
    }

    private static Received received(PendingMemoryStore.StoreResult r) {
        return new Received(r.stored(), r.alreadyStored());
    }
}
