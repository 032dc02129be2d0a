package dev.engram.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.platform.persistence.ReactiveBridge;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
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

    ChunkMemories(Pool pool, ReactiveBridge bridge, ObjectMapper json) {
        this.pool = pool;
        this.bridge = bridge;
        this.json = json;
    }

    /** A memory of the chunk: its id, what it says, and its review status (pending, confirmed, ...). */
    public record Memory(UUID id, MemoryCandidate candidate, String status) {
    }

    /** The chunk: its text, the headings above it, and its memories in extraction order. */
    public record Snapshot(String text, String headingPath, List<Memory> memories) {
    }

    /** The chunk {@code chunkIndex} of the caller's job, if it is stored (not purged). */
    public Optional<Snapshot> find(String userId, String jobId, int chunkIndex) {
        return bridge.await(() -> pool.preparedQuery("SELECT text, heading_path FROM chunks WHERE job_id = $1 "
                + "AND chunk_index = $2 AND user_id = $3").execute(Tuple.of(jobId, chunkIndex, userId))
                .chain(chunks -> {
                    if (chunks.rowCount() == 0) {
                        return io.smallrye.mutiny.Uni.createFrom().item(Optional.<Snapshot>empty());
                    }
                    Row chunk = chunks.iterator().next();
                    return pool.preparedQuery("SELECT coalesce(memory_id, id) AS id, content, memory_type, confidence, "
                            + "metadata::text AS metadata, status, source_start, source_end FROM pending_memories "
                            + "WHERE job_id = $1 AND chunk_index = $2 AND user_id = $3 ORDER BY ordinal")
                            .execute(Tuple.of(jobId, chunkIndex, userId))
                            .map(rows -> {
                                List<Memory> memories = new ArrayList<>();
                                for (Row r : rows) {
                                    memories.add(new Memory(r.getUUID("id"), new MemoryCandidate(r.getString("content"),
                                            MemoryType.fromWire(r.getString("memory_type")),
                                            r.getFloat("confidence"), metadata(r.getString("metadata")), List.of(),
                                            r.getInteger("source_start") == null ? -1 : r.getInteger("source_start"),
                                            r.getInteger("source_end") == null ? -1 : r.getInteger("source_end")),
                                            r.getString("status")));
                                }
                                return Optional.of(new Snapshot(chunk.getString("text"),
                                        chunk.getString("heading_path"), memories));
                            });
                }));
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
