package dev.engram.review;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.memory.MemoryRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reading an extraction's proposed memories and saving them (by review or auto-save). */
@ApplicationScoped
public class ReviewService {

    /** First key of the advisory lock on a user's saves. */
    private static final int SAVES_LOCK_CLASS = 1;

    private final ReactiveBridge bridge;
    private final Pool pool;
    private final Event<MemoriesReviewed> reviewed;

    private final PendingMemoryRepository pending;
    private final ChunkRepository chunks;
    private final MemoryRepository memories;
    private final SaveTurns turns;

    ReviewService(ReactiveBridge bridge, Pool pool, Event<MemoriesReviewed> reviewed, PendingMemoryRepository pending,
            ChunkRepository chunks, MemoryRepository memories, SaveTurns turns) {
        this.turns = turns;
        this.reviewed = reviewed;
        this.pending = pending;
        this.chunks = chunks;
        this.memories = memories;
        this.bridge = bridge;
        this.pool = pool;
    }

    /** The memories proposed for an extraction of {@code userId}, in document order, with their source excerpts. */
    public List<ExtractedMemory> proposed(String userId, String extractionId) {
        List<PendingMemory> rows = bridge.await(() -> pending.listOfExtraction(userId, extractionId));
        if (rows.isEmpty()) {
            return List.of();
        }
        Integer[] chunkIndexes = rows.stream().map(p -> p.chunkIndex).distinct().toArray(Integer[]::new);
        Map<Integer, ChunkRepository.StoredChunk> stored = bridge.await(() -> chunks.findAll(pool, userId,
                rows.get(0).jobId, chunkIndexes));
        return rows.stream().map(p -> ExtractedMemory.of(p, excerpt(p, stored.get(p.chunkIndex)))).toList();
    }

    private static ExtractedMemory.Excerpt excerpt(PendingMemory p, ChunkRepository.StoredChunk chunk) {
        if (chunk == null) {
            return null;
        }
        String text = chunk.text();
        int start = p.sourceStart == null ? 0 : Math.max(0, Math.min(p.sourceStart, text.length()));
        int end = p.sourceEnd == null ? Math.min(text.length(), start + 240)
                : Math.max(start, Math.min(p.sourceEnd, text.length()));
        return new ExtractedMemory.Excerpt(text.substring(start, end), p.chunkIndex, chunk.pageStart(),
                p.sourceStart, p.sourceEnd, chunk.messageId());
    }

    /**
     * Deletes everything derived from a job: its chunks, proposed memories and the memories saved from them.
     *
     * @return how many saved memories were deleted
     */
    public int purgeJob(String userId, String taskId) {
        // A saved memory that also holds another job's confirmation (a duplicate merged into it) is that job's too:
        // it stays, attributed to the other job, instead of leaving that job's confirmed memory pointing nowhere.
        return bridge.await(() -> pool.withTransaction(conn -> memories.idsOfJob(conn, userId, taskId)
                .chain(ids -> pending.earliestConfirmationsByOtherJobs(conn, userId, taskId, ids.toArray(UUID[]::new)))
                .chain(others -> memories.reattribute(conn, userId, taskId,
                        others.stream().map(PendingMemoryRepository.Confirmation::memoryId).toArray(UUID[]::new),
                        others.stream().map(PendingMemoryRepository.Confirmation::jobId).toArray(String[]::new),
                        others.stream().map(PendingMemoryRepository.Confirmation::extractionId)
                                .toArray(String[]::new)))
                .chain(() -> memories.deleteOfJob(conn, userId, taskId))
                .call(() -> pending.deleteOfJob(conn, userId, taskId))
                .call(() -> chunks.deleteOfJob(conn, userId, taskId))));
    }

    /** Whether Postgres still holds anything of a job (its record may have expired from the job table). */
    public boolean holdsJob(String userId, String taskId) {
        return bridge.await(() -> chunks.holdsJob(pool, userId, taskId)
                .chain(held -> held ? Uni.createFrom().item(true) : pending.holdsJob(pool, userId, taskId))
                .chain(held -> held ? Uni.createFrom().item(true) : memories.holdsJob(pool, userId, taskId)));
    }

    /**
     * Saves every pending memory of an extraction without review. Idempotent: a memory already saved (same user,
     * type and content) is linked instead of saved twice. A new memory takes its pending memory's id, so the inserted
     * ones are linked by primary key; only those that met a saved twin look it up, one probe per row through the
     * (user, content hash) index. (As one join for all rows, planned on a fresh table's statistics, the link read all
     * of the user's memories for every pending one: 450 ms for 100 memories of a user with 3,000.)
     *
     * @return how many pending memories were confirmed
     */
    public int autoSave(String userId, String extractionId, String source, String sourceId) {
        List<UUID> opened = new ArrayList<>();
        int saved = turns.inTurn(userId, () -> bridge.await(() -> pool.withTransaction(conn ->
                lockSavedMemories(conn, userId)
                        .chain(() -> pending.openOfExtraction(conn, extractionId, userId))
                        .invoke(open -> open.forEach(p -> opened.add(p.id())))
                        .chain(open -> autoSaveOpen(conn, userId, open, source, sourceId)))));
        reviewed.fire(new MemoriesReviewed(userId, opened));
        return saved;
    }

    private Uni<Integer> autoSaveOpen(SqlConnection conn, String userId, List<PendingMemoryRepository.ToSave> open,
            String source, String sourceId) {
        if (open.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Integer[] indexes = open.stream().map(PendingMemoryRepository.ToSave::chunkIndex).distinct()
                .toArray(Integer[]::new);
        return chunks.pageStarts(conn, open.get(0).jobId(), indexes).chain(pages -> {
            // Only memories whose chunk is stored are saved: they link back to it.
            List<MemoryRepository.NewMemory> rows = open.stream().filter(p -> pages.containsKey(p.chunkIndex()))
                    .map(p -> p.asSaved(p.content(), p.memoryType(), p.embedding(), pages.get(p.chunkIndex()),
                            source, sourceId))
                    .toList();
            return memories.insertSaved(conn, rows, MemoryRepository.OnConflict.KEEP_SAVED);
        }).chain(inserted -> pending.markSavedAsThemselves(conn, inserted.toArray(UUID[]::new)).chain(linked -> {
            Set<UUID> saved = new HashSet<>(inserted);
            List<PendingMemoryRepository.ToSave> rest = open.stream().filter(p -> !saved.contains(p.id())).toList();
            return memories.liveTwins(conn, userId,
                    rest.stream().map(PendingMemoryRepository.ToSave::memoryType).toArray(String[]::new),
                    rest.stream().map(PendingMemoryRepository.ToSave::content).toArray(String[]::new))
                    .chain(twins -> {
                        List<UUID> ids = new ArrayList<>();
                        List<UUID> memoryIds = new ArrayList<>();
                        for (int i = 0; i < rest.size(); i++) {
                            if (twins.get(i) != null) {
                                ids.add(rest.get(i).id());
                                memoryIds.add(twins.get(i));
                            }
                        }
                        return pending.linkToSaved(conn, ids.toArray(UUID[]::new), memoryIds.toArray(UUID[]::new));
                    })
                    .map(twins -> linked + twins);
        }));
    }

    /**
     * Serialises a user's saves (auto-save, confirm) in the transaction that takes it, across processes (within one,
     * {@link SaveTurns} has them wait before they take a connection). Two saves inserting the same
     * contents in different orders deadlocked on the (user, content hash) index; one after the other, the second finds
     * the first's rows and links to them. The two-key form has its own key space, apart from the store's locks.
     */
    static Uni<Void> lockSavedMemories(SqlConnection conn, String userId) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(" + SAVES_LOCK_CLASS + ", hashtext($1))")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }
}
