package dev.engram.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.extract.MemoryCandidate;
import dev.engram.memory.MemoryRepository;
import dev.engram.platform.persistence.Neighbours.Neighbour;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.split.Chunk;
import dev.engram.split.ChunkReady;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stores a chunk's proposed memories for review, exactly once per chunk: the chunk row is the idempotency marker,
 * written in the same transaction as its memories. Duplicates within the extraction are marked, never dropped.
 */
@ApplicationScoped
public class PendingMemoryStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ObjectMapper json;
    private final DuplicatePolicy policy;
    private final ActiveEmbedder embedder;

    private final ChunkRepository chunks;
    private final PendingMemoryRepository pending;
    private final MemoryRepository memories;

    PendingMemoryStore(Pool pool, ReactiveBridge bridge, ObjectMapper json, ReviewSettings settings,
            ActiveEmbedder embedder, ChunkRepository chunks, PendingMemoryRepository pending,
            MemoryRepository memories) {
        this.chunks = chunks;
        this.pending = pending;
        this.memories = memories;
        this.pool = pool;
        this.bridge = bridge;
        this.json = json;
        this.policy = new DuplicatePolicy(settings.duplicateThreshold());
        this.embedder = embedder;
    }

    /**
     * Outcome of storing one chunk.
     *
     * @param stored        memories stored for review for this chunk (duplicates included), by this call or earlier
     * @param alreadyStored true when an earlier delivery had stored this chunk; nothing was written
     */
    public record StoreResult(int stored, boolean alreadyStored) {
    }

    /** Stores the chunk and its memories in one transaction; a second call for the same chunk changes nothing. */
    public StoreResult store(ChunkReady message, List<ProposedMemory> proposed) {
        return storeAll(List.of(message), List.of(proposed)).get(0);
    }

    /**
     * Stores several chunks and their memories in one transaction (one commit for a queue batch), each exactly as
     * {@link #store} would: chunks of the same extraction are deduplicated against each other in order.
     *
     * @param proposed per chunk, its proposed memories
     * @return per chunk, in order, what was stored
     */
    public List<StoreResult> storeAll(List<ChunkReady> messages, List<List<ProposedMemory>> proposed) {
        if (messages.size() != proposed.size()) {
            throw new IllegalArgumentException("one list of proposals per chunk");
        }
        // Deduplication within an extraction is serialised by a lock per extraction. Taking it without waiting
        // keeps a chunk whose document is being stored by another delivery from holding a pooled connection while
        // it waits: the transaction ends, the connection goes back, and the chunk tries again a moment later. After
        // LOCK_PATIENCE it waits in the queue for the lock instead, so it is never starved.
        String[] extractions = new TreeSet<>(messages.stream().map(ChunkReady::extractionId).toList())
                .toArray(String[]::new);
        long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            boolean wait = System.nanoTime() > deadline;
            List<StoreResult> stored = bridge.await(() -> pool.withTransaction(conn -> conn.query(
                    // Iterative HNSW scans keep filtered nearest-neighbour queries (one user's memories) from coming
                    // back short. Custom plans: the duplicate look-ups are prepared statements, and a generic plan
                    // walks the HNSW index of every user's memories (300 ms a chunk at 6,000 memories) where the
                    // user's own few thousand rows, read through the user index and compared exactly, take 14 ms;
                    // the planner picks per user.
                    "SET LOCAL hnsw.iterative_scan = relaxed_order; SET LOCAL plan_cache_mode = force_custom_plan")
                    .execute()
                    .chain(() -> lock(conn, extractions, wait))
                    .chain(locked -> locked ? storeLocked(conn, messages, proposed)
                            : Uni.createFrom().<List<StoreResult>>nullItem())));
            if (stored != null) {
                return stored;
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(1, backoffMillis(attempt) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to store a chunk", e);
            }
        }
    }

    /**
     * The longest pause, in milliseconds, before the {@code attempt}-th retry of the extraction's lock: doubling from
     * 8 up to 40. The shift is capped: past the 61st attempt an uncapped one overflowed and the pause was refused.
     */
    static long backoffMillis(int attempt) {
        return Math.min(4L << Math.min(attempt, 4), 40L);
    }

    /** How long a chunk retries the extraction's lock without waiting before it queues for it. */
    static final Duration LOCK_PATIENCE = Duration.ofSeconds(3);

    /**
     * Takes the extractions' locks (sorted: locks taken in one order never deadlock): waiting for them, or only if
     * they are all free at once (false when one is held; any taken go with the transaction).
     */
    private static Uni<Boolean> lock(SqlConnection conn, String[] extractions, boolean wait) {
        if (wait) {
            Uni<Boolean> all = Uni.createFrom().item(true);
            for (String extraction : extractions) {
                all = all.call(() -> conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
                        .execute(Tuple.of(extraction)));
            }
            return all;
        }
        return conn.preparedQuery("SELECT bool_and(pg_try_advisory_xact_lock(hashtext(e))) AS locked "
                + "FROM unnest($1::text[]) e").execute(Tuple.of((Object) extractions))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    private Uni<List<StoreResult>> storeLocked(SqlConnection conn, List<ChunkReady> messages,
            List<List<ProposedMemory>> proposed) {
        Uni<List<StoreResult>> results = Uni.createFrom().item(new ArrayList<>(messages.size()));
        for (int i = 0; i < messages.size(); i++) {
            ChunkReady m = messages.get(i);
            List<ProposedMemory> p = proposed.get(i);
            results = results.call(list -> storeIn(conn, m, p).invoke(list::add));
        }
        return results;
    }

    /** The id a chunk's n-th memory always gets, so redeliveries address the same row. */
    public static UUID pendingId(String taskId, int chunkIndex, int ordinal) {
        return UUID.nameUUIDFromBytes((taskId + "/" + chunkIndex + "/" + ordinal).getBytes(StandardCharsets.UTF_8));
    }

    private Uni<StoreResult> storeIn(SqlConnection conn, ChunkReady m, List<ProposedMemory> proposed) {
        Chunk c = m.chunk();
        return chunks.insertIfAbsent(conn, m.taskId(), m.userId(), m.extractionId(), c)
                .chain(inserted -> {
                    if (!inserted) {
                        // An earlier delivery stored this chunk (the advisory lock made us wait for its commit):
                        // report its count, so whichever delivery counts the chunk counts the right number.
                        return pending.countOfChunk(conn, m.taskId(), c.index()).map(n -> new StoreResult(n, true));
                    }
                    return findOriginals(conn, m, proposed)
                            .chain(originals -> insertAll(conn, m, proposed, originals));
                });
    }

    /**
     * For each proposed memory, the id of the memory it duplicates, or null: an earlier one of the same chunk, else
     * the nearest pending memory of the extraction, else the nearest memory the user already saved, whose key
     * metadata agree. Two queries per chunk, whatever its number of memories.
     */
    private Uni<List<UUID>> findOriginals(SqlConnection conn, ChunkReady m, List<ProposedMemory> proposed) {
        if (proposed.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] types = proposed.stream().map(p -> p.candidate().type().wireName()).toArray(String[]::new);
        List<float[]> embeddings = proposed.stream().map(ProposedMemory::embedding).toList();
        Float[] vectors = PgVectors.flat(embeddings);
        int dim = embeddings.get(0).length;
        double maxDistance = 1.0 - policy.threshold();
        return pending.nearestOpen(conn, m.extractionId(), types, vectors, dim, maxDistance)
                .chain(open -> memories.nearestSaved(conn, m.userId(), types, vectors, dim, maxDistance)
                        .map(saved -> {
                            List<UUID> originals = new ArrayList<>();
                            for (int i = 0; i < proposed.size(); i++) {
                                UUID found = duplicateInBatch(m, proposed, i, originals);
                                if (found == null) {
                                    found = firstAgreeing(proposed.get(i), open.getOrDefault((long) (i + 1), List.of()));
                                }
                                if (found == null) {
                                    found = firstAgreeing(proposed.get(i), saved.getOrDefault((long) (i + 1), List.of()));
                                }
                                originals.add(found);
                            }
                            return originals;
                        }));
    }

    /** The first row whose key metadata agree with the proposal's (rows are ordered by similarity). */
    private UUID firstAgreeing(ProposedMemory p, List<Neighbour> rows) {
        for (Neighbour row : rows) {
            if (DuplicatePolicy.keyMetadataAgrees(p.candidate().type(), p.candidate().metadata(),
                    readMap(row.metadataJson()))) {
                return row.id();
            }
        }
        return null;
    }

    private UUID duplicateInBatch(ChunkReady m, List<ProposedMemory> proposed, int index, List<UUID> originals) {
        MemoryCandidate c = proposed.get(index).candidate();
        for (int j = 0; j < index; j++) {
            if (originals.get(j) != null) {
                continue;
            }
            MemoryCandidate earlier = proposed.get(j).candidate();
            if (policy.duplicates(earlier.type(), earlier.metadata(), proposed.get(j).embedding(),
                    c.type(), c.metadata(), proposed.get(index).embedding())) {
                return pendingId(m.taskId(), m.chunk().index(), j);
            }
        }
        return null;
    }

    private Uni<StoreResult> insertAll(SqlConnection conn, ChunkReady m, List<ProposedMemory> proposed,
            List<UUID> originals) {
        if (proposed.isEmpty()) {
            return Uni.createFrom().item(new StoreResult(0, false));
        }
        List<PendingMemoryRepository.NewPending> rows = new ArrayList<>();
        for (int i = 0; i < proposed.size(); i++) {
            MemoryCandidate c = proposed.get(i).candidate();
            rows.add(new PendingMemoryRepository.NewPending(pendingId(m.taskId(), m.chunk().index(), i),
                    m.extractionId(), m.taskId(), m.userId(), m.chunk().index(), i, c.content(), c.type().wireName(),
                    (float) c.confidence(), writeJson(c.metadata()), writeJson(c.suggestedTags()),
                    PgVectors.floats(proposed.get(i).embedding()), embedder.get().model(), originals.get(i),
                    c.sourceStart() < 0 ? null : c.sourceStart(), c.sourceEnd() < 0 ? null : c.sourceEnd()));
        }
        return pending.insertAll(conn, rows).map(r -> new StoreResult(proposed.size(), false));
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not serialisable", e);
        }
    }

    private Map<String, Object> readMap(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
