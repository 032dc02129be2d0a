package dev.engram.review;

import dev.engram.embed.ActiveEmbedder;
import dev.engram.extract.MemoryType;
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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
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
public class ConfirmService {

    private static final int MAX_CONTENT = 10_000;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final JobStore jobs;
    private final ActiveEmbedder embedder;
    private final MeterRegistry metrics;

    ConfirmService(Pool pool, ReactiveBridge bridge, JobStore jobs, ActiveEmbedder embedder, MeterRegistry metrics) {
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
        Result result = bridge.await(() -> pool.withTransaction(conn -> ReviewService.lockSavedMemories(conn, userId)
                .chain(() -> conn.preparedQuery("""
                        SELECT id, status FROM pending_memories WHERE extraction_id = $1 AND user_id = $2
                        ORDER BY id FOR UPDATE""")
                        .execute(Tuple.of(job.extractionId(), userId)))
                .map(rows -> {
                    Map<UUID, String> m = new HashMap<>();
                    for (Row r : rows) {
                        m.put(r.getUUID("id"), r.getString("status"));
                    }
                    validateAgainst(plan, m);
                    return m;
                })
                .chain(statuses -> apply(conn, userId, job, plan, statuses, vectors)))
                .onFailure(e -> e.getMessage() != null && e.getMessage().contains("memories_user_content"))
                .transform(e -> new Conflict("an edit makes a memory say exactly what another saved memory "
                        + "of yours says; change the edit or delete that memory first")));
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
            if (e.content() != null && (e.content().isBlank() || e.content().length() > MAX_CONTENT)) {
                errors.add("edits[" + e.tempId() + "].content: must be 1 to " + MAX_CONTENT + " characters");
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
                chain = chain.chain(() -> conn.preparedQuery("SELECT memory_id FROM pending_memories WHERE id = $1")
                        .execute(Tuple.of(id)).invoke(rows -> saved.add(rows.iterator().next().getUUID("memory_id")))
                        .replaceWithVoid());
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
            chain = chain.chain(() -> conn.preparedQuery("""
                    UPDATE pending_memories SET status = 'rejected', updated_at = now()
                    WHERE id = ANY($1) AND user_id = $2 AND status IN ('pending', 'duplicate')""")
                    .execute(Tuple.of(ids, userId)).replaceWithVoid());
        }
        return chain.chain(() -> conn.preparedQuery("""
                SELECT count(*) AS open FROM pending_memories
                WHERE extraction_id = $1 AND user_id = $2 AND status IN ('pending', 'duplicate')""")
                .execute(Tuple.of(job.extractionId(), userId))
                .map(rows -> new Result(saved, rejected, rows.iterator().next().getLong("open"))));
    }

    /** Saves one pending memory: merges into the saved memory it duplicates, else inserts (or links a twin). */
    private Uni<UUID> saveOne(SqlConnection conn, String userId, Job job, UUID id, String content, String type,
            String vector) {
        Tuple merge = Tuple.of(id, userId).addString(content).addString(type).addString(vector);
        return conn.preparedQuery("""
                UPDATE memories m SET
                    content = coalesce($3, p.content),
                    memory_type = coalesce($4, p.memory_type),
                    metadata = m.metadata || p.metadata,
                    tags = (SELECT coalesce(jsonb_agg(DISTINCT t), '[]'::jsonb)
                            FROM jsonb_array_elements(m.tags || p.tags) t),
                    embedding = coalesce($5::text::vector, p.embedding),
                    embedding_updated_at = now(),
                    content_hash = md5(coalesce($4, p.memory_type) || ':' || lower(btrim(coalesce($3, p.content)))),
                    updated_at = now()
                FROM pending_memories p
                WHERE p.id = $1 AND p.user_id = $2 AND p.status = 'duplicate'
                  AND m.id = p.duplicate_of AND m.user_id = $2 AND m.deleted_at IS NULL
                RETURNING m.id""").execute(merge)
                .chain(rows -> rows.rowCount() > 0 ? Uni.createFrom().item(rows.iterator().next().getUUID("id"))
                        : insert(conn, userId, job, id, content, type, vector))
                .call(memoryId -> conn.preparedQuery("""
                        UPDATE pending_memories SET status = 'confirmed', memory_id = $3,
                            content = coalesce($4, content), memory_type = coalesce($5, memory_type),
                            updated_at = now()
                        WHERE id = $1 AND user_id = $2""")
                        .execute(Tuple.of(id, userId, memoryId).addString(content).addString(type)));
    }

    private Uni<UUID> insert(SqlConnection conn, String userId, Job job, UUID id, String content, String type,
            String vector) {
        Tuple row = Tuple.of(id, userId).addString(content).addString(type).addString(job.source())
                .addString(job.sourceId()).addString(vector);
        return conn.preparedQuery("""
                INSERT INTO memories (id, user_id, content, memory_type, source, source_id, tags, metadata,
                        confidence, embedding, embedding_status, embedding_model, embedding_updated_at, content_hash,
                        job_id, extraction_id, chunk_index, page, conversation_id)
                SELECT p.id, p.user_id, coalesce($3, p.content), coalesce($4, p.memory_type), %s, $6, p.tags,
                       p.metadata, p.confidence, coalesce($7::text::vector, p.embedding), 'ready', p.embedding_model,
                       now(), md5(coalesce($4, p.memory_type) || ':' || lower(btrim(coalesce($3, p.content)))),
                       p.job_id, p.extraction_id, p.chunk_index, c.page_start, %s
                FROM pending_memories p
                LEFT JOIN chunks c ON c.job_id = p.job_id AND c.chunk_index = p.chunk_index
                WHERE p.id = $1 AND p.user_id = $2
                ON CONFLICT (user_id, content_hash) WHERE deleted_at IS NULL DO UPDATE SET updated_at = now()
                RETURNING id""".formatted(MemorySource.source("$5"), MemorySource.conversation("$5"))).execute(row)
                .map(rows -> rows.iterator().next().getUUID("id"));
    }
}
