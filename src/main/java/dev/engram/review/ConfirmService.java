package dev.engram.review;

import dev.engram.embed.ActiveEmbedder;
import dev.engram.extract.MemoryType;
import dev.engram.memory.MemoryRepository;
import dev.engram.platform.errors.Conflict;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.Malformed;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.errors.ReviewConflict;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A user's review of an extraction: confirmed and edited memories are saved (edits re-embedded), rejected ones
 * discarded. A memory marked as a duplicate of one already saved updates that memory instead of adding a twin.
 * Repeating a review changes nothing.
 */
@ApplicationScoped
class ConfirmService {

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final JobStore jobs;
    private final ActiveEmbedder embedder;
    private final MeterRegistry metrics;
    private final Event<MemoriesReviewed> reviewed;

    private final PendingMemoryRepository pending;
    private final ChunkRepository chunks;
    private final MemoryRepository memories;
    private final SaveTurns turns;

    ConfirmService(Pool pool, ReactiveBridge bridge, JobStore jobs, ActiveEmbedder embedder, MeterRegistry metrics,
            Event<MemoriesReviewed> reviewed, PendingMemoryRepository pending, ChunkRepository chunks,
            MemoryRepository memories, SaveTurns turns) {
        this.turns = turns;
        this.reviewed = reviewed;
        this.pending = pending;
        this.chunks = chunks;
        this.memories = memories;
        this.pool = pool;
        this.bridge = bridge;
        this.jobs = jobs;
        this.embedder = embedder;
        this.metrics = metrics;
    }

    public ConfirmResponse confirm(String userId, String extractionId, ConfirmRequest request) {
        Job job = JobIds.taskOfExtraction(extractionId).flatMap(t -> jobs.findOwned(t, userId))
                .orElseThrow(() -> new NotFound("extraction " + extractionId));
        if (!job.state().finished()) {
            throw new Conflict("the extraction is still processing; review it once its task has finished");
        }
        Plan plan = plan(request);
        Map<UUID, float[]> vectors = embedEdits(plan);
        // The statuses are read and checked inside the transaction, under row locks: an expiry or a rejection that
        // commits meanwhile is seen (its write finishes first, or waits for this review), never overwritten.
        Result result = turns.inTurn(userId, () -> bridge.await(() -> pool.withTransaction(conn ->
                ReviewService.lockSavedMemories(conn, userId)
                        .chain(() -> pending.lockStatuses(conn, job.extractionId(), userId))
                        .invoke(statuses -> validateAgainst(plan, statuses))
                        .chain(statuses -> apply(conn, userId, job, plan, statuses, vectors)))
                .onFailure(e -> e.getMessage() != null && e.getMessage().contains("memories_user_content"))
                .transform(e -> new Conflict("an edit makes a memory say exactly what another saved memory "
                        + "of yours says; change the edit or delete that memory first"))));
        // After the commit, and again on a repeated review (the reviewed memories are named either way).
        List<UUID> all = new ArrayList<>(plan.confirm());
        all.addAll(plan.reject());
        reviewed.fire(new MemoriesReviewed(userId, all));
        if (result.openLeft == 0) {
            jobs.setExtractionStatus(job.taskId(), ExtractionStatus.REVIEWED);
        }
        metrics.counter("engram.memories.confirmed").increment(result.saved.size());
        metrics.counter("engram.memories.rejected").increment(result.rejected);
        return new ConfirmResponse(result.saved.size(), List.copyOf(result.saved), result.rejected);
    }

    private record Plan(Set<UUID> confirm, Set<UUID> reject, Map<UUID, ConfirmRequest.Edit> edits) {
    }

    private record Result(List<UUID> saved, int rejected, long openLeft) {
    }

    private static Plan plan(ConfirmRequest r) {
        if (r == null) {
            throw new Malformed("a body with confirmed_ids, rejected_ids or edits is required");
        }
        List<String> errors = new ArrayList<>();
        Set<UUID> confirm = new LinkedHashSet<>(r.confirmedIds() == null ? List.of() : r.confirmedIds());
        Set<UUID> reject = new LinkedHashSet<>(r.rejectedIds() == null ? List.of() : r.rejectedIds());
        Map<UUID, ConfirmRequest.Edit> edits = new LinkedHashMap<>();
        for (ConfirmRequest.Edit e : r.edits() == null ? List.<ConfirmRequest.Edit>of() : r.edits()) {
            if (e == null || e.tempId() == null) {
                errors.add("edits: every edit needs a temp_id");
                continue;
            }
            if (e.content() != null && (e.content().isBlank() || e.content().length() > MemoryRepository.MAX_CONTENT)) {
                errors.add("edits[" + e.tempId() + "].content: must be 1 to " + MemoryRepository.MAX_CONTENT
                        + " characters");
            }
            if (e.memoryType() != null) {
                try {
                    MemoryType.fromWire(e.memoryType());
                } catch (IllegalArgumentException ex) {
                    errors.add("edits[" + e.tempId() + "].memory_type: " + ex.getMessage());
                }
            }
            edits.put(e.tempId(), e);
            confirm.add(e.tempId());
        }
        if (confirm.contains(null) || reject.contains(null)) {
            errors.add("ids must not be null");
        }
        Set<UUID> both = new LinkedHashSet<>(confirm);
        both.retainAll(reject);
        if (!both.isEmpty()) {
            errors.add("these ids are both confirmed and rejected: " + both);
        }
        if (confirm.isEmpty() && reject.isEmpty()) {
            errors.add("nothing to do: give confirmed_ids, rejected_ids or edits");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new Plan(confirm, reject, edits);
    }

    private static void validateAgainst(Plan plan, Map<UUID, String> statuses) {
        List<String> errors = new ArrayList<>();
        Set<UUID> all = new LinkedHashSet<>(plan.confirm());
        all.addAll(plan.reject());
        for (UUID id : all) {
            String status = statuses.get(id);
            if (status == null) {
                errors.add(id + ": not a memory of this extraction");
            } else if ("expired".equals(status)) {
                errors.add(id + ": expired before it was reviewed");
            } else if ("rejected".equals(status) && plan.confirm().contains(id)) {
                errors.add(id + ": was already rejected");
            } else if ("confirmed".equals(status) && plan.reject().contains(id)) {
                errors.add(id + ": was already confirmed; delete the saved memory instead");
            }
        }
        if (!errors.isEmpty()) {
            throw new ReviewConflict(errors);
        }
    }

    private Map<UUID, float[]> embedEdits(Plan plan) {
        List<UUID> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        plan.edits().forEach((id, e) -> {
            if (e.content() != null) {
                ids.add(id);
                texts.add(e.content().strip());
            }
        });
        List<float[]> vectors = embedder.get().embedAll(texts);
        Map<UUID, float[]> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), vectors.get(i));
        }
        return out;
    }

    private Uni<Result> apply(SqlConnection conn, String userId, Job job, Plan plan, Map<UUID, String> statuses,
            Map<UUID, float[]> vectors) {
        List<UUID> saved = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID id : plan.confirm()) {
            if ("confirmed".equals(statuses.get(id))) {
                chain = chain.chain(() -> pending.savedAs(conn, id).invoke(saved::add).replaceWithVoid());
                continue;
            }
            ConfirmRequest.Edit edit = plan.edits().get(id);
            String content = edit == null || edit.content() == null ? null : edit.content().strip();
            String type = edit == null || edit.memoryType() == null ? null
                    : MemoryType.fromWire(edit.memoryType()).wireName();
            String vector = vectors.containsKey(id) ? PgVectors.literal(vectors.get(id)) : null;
            chain = chain.chain(() -> saveOne(conn, userId, job, id, content, type, vector)
                    .invoke(saved::add).replaceWithVoid());
        }
        final int rejected = plan.reject().size();
        if (!plan.reject().isEmpty()) {
            UUID[] ids = plan.reject().toArray(UUID[]::new);
            chain = chain.chain(() -> pending.reject(conn, ids, userId));
        }
        return chain.chain(() -> pending.countOpen(conn, job.extractionId(), userId)
                .map(open -> new Result(saved, rejected, open)));
    }

    /** Saves one pending memory: merges into the saved memory it duplicates, else inserts (or links a twin). */
    private Uni<UUID> saveOne(SqlConnection conn, String userId, Job job, UUID id, String content, String type,
            String vector) {
        return pending.findToSave(conn, id, userId).chain(p -> {
            String newContent = content != null ? content : p.content();
            String newType = type != null ? type : p.memoryType();
            String newVector = vector != null ? vector : p.embedding();
            Uni<UUID> merged = "duplicate".equals(p.status()) && p.duplicateOf() != null
                    ? memories.mergeDuplicate(conn, p.duplicateOf(), userId, newContent, newType, p.metadataJson(),
                            p.tagsJson(), newVector)
                    : Uni.createFrom().nullItem();
            return merged.chain(memoryId -> memoryId != null ? Uni.createFrom().item(memoryId)
                    : insert(conn, job, p, newContent, newType, newVector));
        }).call(memoryId -> pending.markConfirmed(conn, id, userId, memoryId, content, type));
    }

    /** Saves a pending memory as a new memory with its id, or, when the user already saved the same, touches that. */
    private Uni<UUID> insert(SqlConnection conn, Job job, PendingMemoryRepository.ToSave p, String content,
            String type, String vector) {
        return chunks.pageStarts(conn, p.jobId(), new Integer[] {p.chunkIndex()})
                .chain(pages -> memories.insertSaved(conn, List.of(p.asSaved(content, type, vector,
                        pages.get(p.chunkIndex()), job.source(), job.sourceId())),
                        MemoryRepository.OnConflict.TOUCH_SAVED))
                .map(ids -> ids.get(0));
    }
}
