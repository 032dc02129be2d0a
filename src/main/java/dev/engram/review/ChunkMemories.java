package dev.engram.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored chunk with the memories extracted from it, for the stages that build on them (the knowledge graph): the
 * chunk's text as it was extracted from and each memory with the id it has now (the saved memory's once saved, else
 * the pending one's) and its review status.
 */
@ApplicationScoped
public class ChunkMemories {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ObjectMapper json;

    private final ChunkRepository chunks;
    private final PendingMemoryRepository pending;

    ChunkMemories(Pool pool, ReactiveBridge bridge, ObjectMapper json, ChunkRepository chunks,
            PendingMemoryRepository pending) {
        this.chunks = chunks;
        this.pending = pending;
        this.pool = pool;
        this.bridge = bridge;
        this.json = json;
    }

    /** A memory of the chunk: its id, what it says, and its review status (pending, confirmed, ...). */
    public record Memory(UUID id, MemoryCandidate candidate, String status) {
    }

    /**
     * The chunk: its text, the headings above it, its memories in extraction order, and the chat message it is (null
     * for a document's chunk).
     */
    public record Snapshot(String text, String headingPath, List<Memory> memories, UUID messageId) {
    }

    /** A stored chunk: which job's, which index, whose. */
    public record Stored(String jobId, int chunkIndex, String userId) {
    }

    /**
     * A memory's review: its own (pending) id, the saved memory it became once confirmed (else null), and its
     * status: {@code pending} or {@code duplicate} (awaiting review), {@code confirmed} (by review or auto-save),
     * {@code rejected} or {@code expired}.
     */
    public record Review(UUID id, UUID savedAs, String status) {
    }

    /** The chunk {@code chunkIndex} of the caller's job, if it is stored (not purged). */
    public Optional<Snapshot> find(String userId, String jobId, int chunkIndex) {
        return bridge.await(() -> chunks.find(pool, userId, jobId, chunkIndex)
                .chain(chunk -> chunk.isEmpty() ? Uni.createFrom().item(Optional.<Snapshot>empty())
                        : pending.ofChunk(pool, userId, jobId, chunkIndex).map(rows -> {
                            List<Memory> memories = new ArrayList<>();
                            for (PendingMemoryRepository.OfChunk r : rows) {
                                memories.add(new Memory(r.id(), new MemoryCandidate(r.content(),
                                        MemoryType.fromWire(r.memoryType()), r.confidence(),
                                        metadata(r.metadataJson()), List.of(),
                                        r.sourceStart() == null ? -1 : r.sourceStart(),
                                        r.sourceEnd() == null ? -1 : r.sourceEnd()), r.status()));
                            }
                            return Optional.of(new Snapshot(chunk.get().text(), chunk.get().headingPath(),
                                    memories, chunk.get().messageId()));
                        })));
    }

    /**
     * The reviews of the user's memories whose own or saved id is one of {@code ids}, read on the caller's client (a
     * transaction of the caller's, so that the read sees every review committed before it).
     */
    public Uni<List<Review>> reviews(SqlClient db, String userId, Collection<UUID> ids) {
        return pending.reviewed(db, userId, ids.toArray(UUID[]::new));
    }

    /** A page of stored chunks (of {@code userId}, or everyone's when null) after {@code after}, by job and index. */
    public List<Stored> storedChunks(String userId, Stored after, int limit) {
        return bridge.await(() -> chunks.page(pool, userId, after == null ? "" : after.jobId(),
                after == null ? -1 : after.chunkIndex(), limit));
    }

    private Map<String, Object> metadata(String text) {
        try {
            if (text == null) {
                return Map.of();
            }
            Map<String, Object> metadata = new java.util.LinkedHashMap<>(json.readValue(text, MAP));
            metadata.values().removeIf(java.util.Objects::isNull);
            return metadata;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a pending memory's metadata is not JSON", e);
        }
    }
}
