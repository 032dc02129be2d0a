package dev.engram.memory;

import dev.engram.platform.persistence.HybridRanking;
import dev.engram.platform.persistence.Neighbours;
import dev.engram.platform.persistence.Neighbours.Neighbour;
import dev.engram.platform.persistence.Rows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The only SQL over {@code memories}. Every method takes the caller's client: a pool for a statement of its own, or
 * the connection of a transaction the caller runs (a review saves pending memories and links them in one). The
 * content hash that makes a user's live memories unique is a generated column (migration V8): nothing here writes it.
 */
@ApplicationScoped
public class MemoryRepository {

    /** The longest content a saved memory may have, in characters: an edit or a confirmed edit beyond it is refused. */
    public static final int MAX_CONTENT = 10_000;

    /**
     * A memory to save. JSON and vectors travel as text.
     *
     * @param tagsJson     a JSON array
     * @param metadataJson a JSON object
     * @param embedding    a pgvector literal, or null
     */
    public record NewMemory(UUID id, String userId, String content, String title, String memoryType, String source,
            String sourceId, String tagsJson, String metadataJson, Float confidence, String embedding,
            String embeddingModel, String jobId, String extractionId, Integer chunkIndex, Integer page,
            String conversationId) {
    }

    /** What an insert does with a row that meets a live memory of the same user and content hash, or the same id. */
    public enum OnConflict {
        /** Keeps the saved memory untouched and skips the row. */
        KEEP_SAVED("(user_id, content_hash) WHERE deleted_at IS NULL DO NOTHING"),
        /** Keeps the saved memory, marks it updated, and returns its id for the row. */
        TOUCH_SAVED("(user_id, content_hash) WHERE deleted_at IS NULL DO UPDATE SET updated_at = now()"),
        /** A summary memory written again: the row with its id takes the new text, vector and metadata. */
        REPLACE_SUMMARY("""
                (id) DO UPDATE SET content = excluded.content, title = excluded.title,
                        metadata = excluded.metadata, embedding = excluded.embedding,
                        embedding_model = excluded.embedding_model, embedding_status = 'ready',
                        embedding_updated_at = now(), updated_at = now(), deleted_at = NULL
                    WHERE memories.user_id = excluded.user_id""");

        private final String sql;

        OnConflict(String sql) {
            this.sql = sql;
        }
    }

    private static final String INSERT = """
            INSERT INTO memories (id, user_id, content, title, memory_type, source, source_id, tags, metadata,
                    confidence, embedding, embedding_status, embedding_model, embedding_updated_at, job_id,
                    extraction_id, chunk_index, page, conversation_id)
            SELECT id, user_id, content, title, memory_type, source, source_id, tags::jsonb, metadata::jsonb,
                   confidence, embedding::vector, 'ready', embedding_model, now(), job_id, extraction_id,
                   chunk_index, page, conversation_id
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::real[], $11::text[], $12::text[], $13::text[], $14::text[],
                        $15::int[], $16::int[], $17::text[])
                AS r(id, user_id, content, title, memory_type, source, source_id, tags, metadata, confidence,
                     embedding, embedding_model, job_id, extraction_id, chunk_index, page, conversation_id)
            ON CONFLICT %s
            RETURNING id""";

    /**
     * Saves memories (embedded, status ready) in one statement.
     *
     * @return the ids of the rows inserted or, by {@code onConflict}, touched
     */
    public Uni<List<UUID>> insertSaved(SqlClient db, List<NewMemory> rows, OnConflict onConflict) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple args = Tuple.tuple()
                .addArrayOfUUID(rows.stream().map(NewMemory::id).toArray(UUID[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::userId).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::content).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::title).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::memoryType).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::source).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::sourceId).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::tagsJson).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::metadataJson).toArray(String[]::new))
                .addArrayOfFloat(rows.stream().map(NewMemory::confidence).toArray(Float[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::embedding).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::embeddingModel).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::jobId).toArray(String[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::extractionId).toArray(String[]::new))
                .addArrayOfInteger(rows.stream().map(NewMemory::chunkIndex).toArray(Integer[]::new))
                .addArrayOfInteger(rows.stream().map(NewMemory::page).toArray(Integer[]::new))
                .addArrayOfString(rows.stream().map(NewMemory::conversationId).toArray(String[]::new));
        return db.preparedQuery(INSERT.formatted(onConflict.sql)).execute(args)
                .map(result -> Rows.list(result, r -> r.getUUID("id")));
    }

    /**
     * Merges a confirmed duplicate into the live memory it duplicates: the new content, type and vector, the union of
     * the tags, the metadata merged over.
     *
     * @return the memory's id, or null when it is not a live memory of the user
     */
    public Uni<UUID> mergeDuplicate(SqlClient db, UUID memoryId, String userId, String content, String memoryType,
            String metadataJson, String tagsJson, String embedding) {
        return db.preparedQuery("""
                UPDATE memories SET
                    content = $3,
                    memory_type = $4,
                    metadata = metadata || $5::text::jsonb,
                    tags = (SELECT coalesce(jsonb_agg(DISTINCT t), '[]'::jsonb)
                            FROM jsonb_array_elements(tags || $6::text::jsonb) t),
                    embedding = $7::text::vector,
                    embedding_updated_at = now(),
                    updated_at = now()
                WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL
                RETURNING id""")
                .execute(Tuple.of(memoryId, userId, content, memoryType, metadataJson, tagsJson).addString(embedding))
                .map(rows -> rows.rowCount() > 0 ? rows.iterator().next().getUUID("id") : null);
    }

    /**
     * Per (type, content), in order, the user's live memory that says the same (same content hash), or null. One
     * probe per item through the (user, content hash) index.
     */
    public Uni<List<UUID>> liveTwins(SqlClient db, String userId, String[] memoryTypes, String[] contents) {
        if (contents.length == 0) {
            return Uni.createFrom().item(List.of());
        }
        return db.preparedQuery("""
                SELECT u.ord, (SELECT m.id FROM memories m
                               WHERE m.user_id = $1 AND m.deleted_at IS NULL
                                 AND m.content_hash = memory_content_hash(u.memory_type, u.content, NULL)) AS id
                FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS u(memory_type, content, ord)
                ORDER BY u.ord""")
                .execute(Tuple.of(userId).addArrayOfString(memoryTypes).addArrayOfString(contents))
                .map(rows -> Rows.list(rows, r -> r.getUUID("id")));
    }

    // The threshold applies to the ten nearest, outside the index scan: inside it, an HNSW scan that finds nothing
    // close enough would read on to hnsw.max_scan_tuples. The ten are ordered by the full vectors, which the HNSW index
    // (half precision since V16) does not hold, so the user's rows of the type are compared exactly, as the planner
    // chose for every user measured: ordering by the index's expression cast each row to half precision and took 4x
    // as long (104 against 27 ms for 8 proposals of a user with 11,000 memories).
    private static final String NEAREST_SAVED = Neighbours.PROPOSALS + """
            SELECT c.ord, n.id, n.metadata FROM c CROSS JOIN LATERAL (
                SELECT id, metadata::text AS metadata, embedding <=> c.v AS distance FROM memories
                WHERE user_id = $1 AND memory_type = c.memory_type AND deleted_at IS NULL
                ORDER BY embedding <=> c.v LIMIT 10) n
            WHERE n.distance <= $4
            ORDER BY c.ord, n.distance""";

    /**
     * The user's live memories of the same type within {@code maxDistance} (cosine) of each proposal, at most ten,
     * nearest first, by proposal (1-based ordinal).
     *
     * @param vectors the proposals' vectors, flattened, {@code dim} floats each
     */
    public Uni<Map<Long, List<Neighbour>>> nearestSaved(SqlClient db, String userId, String[] memoryTypes,
            Float[] vectors, int dim, double maxDistance) {
        return Neighbours.byOrdinal(db, NEAREST_SAVED, userId, memoryTypes, vectors, dim, maxDistance);
    }

    /** The ids of every memory (deleted ones too) saved from a job. */
    public Uni<List<UUID>> idsOfJob(SqlClient db, String userId, String jobId) {
        return db.preparedQuery("SELECT id FROM memories WHERE user_id = $1 AND job_id = $2")
                .execute(Tuple.of(userId, jobId)).map(rows -> Rows.list(rows, r -> r.getUUID("id")));
    }

    /** Attributes memories of {@code jobId} to another job and extraction each (parallel arrays). */
    public Uni<Integer> reattribute(SqlClient db, String userId, String jobId, UUID[] ids, String[] toJobs,
            String[] toExtractions) {
        if (ids.length == 0) {
            return Uni.createFrom().item(0);
        }
        return db.preparedQuery("""
                UPDATE memories m SET job_id = o.job_id, extraction_id = o.extraction_id, updated_at = now()
                FROM unnest($3::uuid[], $4::text[], $5::text[]) AS o(memory_id, job_id, extraction_id)
                WHERE m.user_id = $1 AND m.job_id = $2 AND m.id = o.memory_id""")
                .execute(Tuple.of(userId, jobId).addArrayOfUUID(ids).addArrayOfString(toJobs)
                        .addArrayOfString(toExtractions))
                .map(rows -> rows.rowCount());
    }

    /** Deletes for good every memory saved from a job; returns how many. */
    public Uni<Integer> deleteOfJob(SqlClient db, String userId, String jobId) {
        return db.preparedQuery("DELETE FROM memories WHERE user_id = $1 AND job_id = $2")
                .execute(Tuple.of(userId, jobId)).map(rows -> rows.rowCount());
    }

    /** Whether any memory (deleted ones too) was saved from a job. */
    public Uni<Boolean> holdsJob(SqlClient db, String userId, String jobId) {
        return db.preparedQuery("SELECT EXISTS (SELECT 1 FROM memories WHERE user_id = $1 AND job_id = $2) AS held")
                .execute(Tuple.of(userId, jobId)).map(rows -> rows.iterator().next().getBoolean("held"));
    }

    // ---- Reads and edits of a user's memories (the memory API) ----

    /** The memory with this id, deleted or not, whoever owns it; null if none. */
    public Uni<Memory> findById(UUID id) {
        return Panache.withSession(() -> Memory.<Memory>findById(id));
    }

    /** The memories with these ids, newest first. */
    public Uni<List<Memory>> findByIds(List<UUID> ids) {
        return Panache.withSession(() -> Memory.<Memory>list("id in ?1 order by createdAt desc, id desc", ids));
    }

    /** A page of memories matching an HQL condition over {@link Memory}, newest first. */
    Uni<List<Memory>> findPage(String where, Map<String, Object> params, int size) {
        String hql = where + " order by createdAt desc, id desc";
        return Panache.withSession(() -> Memory.<Memory>find(hql, params).page(0, size).list());
    }

    /**
     * Ids of a user's live memories carrying {@code tagJson} (a one-element JSON array), newest first, with the same
     * filters as the memory list: jsonb containment, which HQL cannot say.
     */
    Uni<List<UUID>> idsByTag(SqlClient db, String userId, String tagJson, MemoryQuery q, int size) {
        List<Object> args = new ArrayList<>(List.of(userId, tagJson));
        StringBuilder sql = new StringBuilder("SELECT id FROM memories WHERE user_id = $1 AND deleted_at IS NULL "
                + "AND tags @> $2::text::jsonb");
        if (q.type() != null) {
            args.add(q.type());
            sql.append(" AND memory_type = $").append(args.size());
        }
        if (q.source() != null) {
            args.add(q.source());
            sql.append(" AND source = $").append(args.size());
        }
        if (q.createdAfter() != null) {
            args.add(q.createdAfter());
            sql.append(" AND created_at >= $").append(args.size());
        }
        if (q.createdBefore() != null) {
            args.add(q.createdBefore());
            sql.append(" AND created_at < $").append(args.size());
        }
        if (q.after() != null) {
            args.add(q.after().createdAt());
            int c = args.size();
            args.add(q.after().id());
            sql.append(" AND (created_at, id) < ($").append(c).append(", $").append(c + 1).append(")");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(size);
        return db.preparedQuery(sql.toString()).execute(Tuple.from(args))
                .map(rows -> Rows.list(rows, r -> r.getUUID("id")));
    }

    /**
     * Changes a live memory: each non-null argument replaces its field; a new vector sets the embedding time.
     *
     * @return rows changed (0: no live memory of the user with that id)
     */
    Uni<Integer> update(SqlClient db, UUID id, String userId, String content, String memoryType, String tagsJson,
            String metadataJson, String embedding, String embeddingModel, String title) {
        return db.preparedQuery("""
                UPDATE memories SET content = coalesce($3, content), memory_type = coalesce($4, memory_type),
                    tags = coalesce($5::text::jsonb, tags), metadata = coalesce($6::text::jsonb, metadata),
                    embedding = coalesce($7::text::vector, embedding),
                    embedding_model = coalesce($8, embedding_model),
                    embedding_updated_at = CASE WHEN $7 IS NULL THEN embedding_updated_at ELSE now() END,
                    title = coalesce($9, title),
                    updated_at = now()
                WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL""")
                .execute(Tuple.tuple(Arrays.asList(id, userId, content, memoryType, tagsJson, metadataJson, embedding,
                        embeddingModel, title)))
                .map(r -> r.rowCount());
    }

    /** Soft-deletes a live memory; returns rows changed. */
    Uni<Integer> softDelete(SqlClient db, UUID id, String userId) {
        return db.preparedQuery("""
                UPDATE memories SET deleted_at = now(), updated_at = now()
                WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL""").execute(Tuple.of(id, userId))
                .map(r -> r.rowCount());
    }

    /** Restores a soft-deleted memory; returns rows changed. */
    Uni<Integer> restore(SqlClient db, UUID id, String userId) {
        return db.preparedQuery("""
                UPDATE memories SET deleted_at = NULL, updated_at = now()
                WHERE id = $1 AND user_id = $2 AND deleted_at IS NOT NULL""").execute(Tuple.of(id, userId))
                .map(r -> r.rowCount());
    }

    // ---- Search ----

    /*
     * $1 user, $2 query vector, $3 query text, $4 k, $5 types or null, $6 tags or null. Words are OR-ed, so a
     * question matches memories sharing any of its content words; the ranking does the rest.
     */
    private static final String HYBRID = """
            WITH %3$s,
            scope AS (
                SELECT id, content, embedding FROM memories
                WHERE user_id = $1 AND deleted_at IS NULL
                  AND ($5::text[] IS NULL OR memory_type = ANY($5))
                  AND ($6::text[] IS NULL OR tags ?| $6)
            ),
            %4$s
            SELECT coalesce(vec.id, txt.id) AS id,
                   coalesce(1.0 / (%2$d + vec.r), 0) + coalesce(1.0 / (%2$d + txt.r), 0) AS score,
                   vec.sim AS vec, txt.rank AS txt
            FROM vec FULL OUTER JOIN txt ON vec.id = txt.id
            ORDER BY score DESC, vec.sim DESC NULLS LAST
            LIMIT $4""";

    /** A memory found by hybrid search: its fused score and the two ranks' measures (null when not found so). */
    record Ranked(UUID id, double score, Double vec, Double txt) {
    }

    /**
     * Hybrid search over a user's live memories: the {@code candidates} nearest by vector and the {@code candidates}
     * best by full-text rank, fused by reciprocal rank fusion with constant {@code rrfK}; best {@code k} first.
     * Iterative HNSW scans are switched on for the transaction {@code conn} belongs to.
     */
    Uni<List<Ranked>> searchHybrid(SqlClient conn, String userId, String vector, String text, int k, String[] types,
            String[] tags, int candidates, int rrfK) {
        Tuple args = Tuple.of(userId, vector, text, k).addArrayOfString(types).addArrayOfString(tags);
        return conn.query("SET LOCAL hnsw.iterative_scan = relaxed_order").execute()
                .chain(() -> conn.preparedQuery(HYBRID.formatted(candidates, rrfK,
                        HybridRanking.QUERY, HybridRanking.ranks(candidates))).execute(args))
                .map(rows -> Rows.list(rows, r -> new Ranked(r.getUUID("id"), r.getDouble("score"),
                        r.getDouble("vec"), r.getDouble("txt"))));
    }

    /**
     * Records that memories were accessed. Rows another transaction holds (an edit, a re-embedding batch) are skipped
     * rather than waited for, and they are locked in id order, so a search can neither stall nor deadlock with
     * writers.
     */
    Uni<Void> touch(SqlClient db, List<UUID> ids) {
        return db.preparedQuery("""
                UPDATE memories SET accessed_at = now() WHERE id IN (
                    SELECT id FROM memories WHERE id = ANY($1) ORDER BY id FOR UPDATE SKIP LOCKED)""")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    // ---- Re-embedding ----

    /** Live memories, and those whose vector is missing or from another model than {@code model}. */
    record EmbeddingCounts(long total, long stale) {
    }

    Uni<EmbeddingCounts> countStale(SqlClient db, String model) {
        return db.preparedQuery("""
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE embedding IS NULL OR embedding_model IS DISTINCT FROM $1) AS stale
                FROM memories WHERE deleted_at IS NULL""").execute(Tuple.of(model))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new EmbeddingCounts(r.getLong("total"), r.getLong("stale"));
                });
    }

    /** A live memory whose vector is stale: its id and the content to embed. */
    record Stale(UUID id, String content) {
    }

    /** Up to {@code limit} live memories whose vector is missing or from another model, by id. */
    Uni<List<Stale>> findStale(SqlClient db, String model, int limit) {
        return db.preparedQuery("""
                SELECT id, content FROM memories
                WHERE deleted_at IS NULL AND (embedding IS NULL OR embedding_model IS DISTINCT FROM $1)
                ORDER BY id LIMIT $2""").execute(Tuple.of(model, limit))
                .map(rows -> Rows.list(rows, r -> new Stale(r.getUUID("id"), r.getString("content"))));
    }

    /** Stores new vectors (pgvector literals, parallel to {@code ids}) from {@code model}. */
    Uni<Void> setEmbeddings(SqlClient db, List<UUID> ids, List<String> vectors, String model) {
        List<Tuple> updates = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            updates.add(Tuple.of(ids.get(i), vectors.get(i), model));
        }
        return db.preparedQuery("""
                UPDATE memories SET embedding = $2::text::vector, embedding_model = $3,
                    embedding_status = 'ready', embedding_updated_at = now()
                WHERE id = $1""").executeBatch(updates).replaceWithVoid();
    }

    // ---- Summary memories ----

    /** Medium tier, for every user: soft-deletes summary memories nobody read or updated since {@code cutoff}. */
    Uni<Integer> expireIdleSummaries(SqlClient db, OffsetDateTime cutoff) {
        return db.preparedQuery("UPDATE memories SET deleted_at = now() WHERE memory_type = 'summary' "
                + "AND deleted_at IS NULL AND greatest(updated_at, coalesce(accessed_at, updated_at)) < $1")
                .execute(Tuple.of(cutoff)).map(rows -> rows.rowCount());
    }

    /** Deletes a summary memory for good. */
    Uni<Void> deleteSummary(SqlClient db, UUID id, String userId) {
        return db.preparedQuery("DELETE FROM memories WHERE id = $1 AND user_id = $2 AND memory_type = 'summary'")
                .execute(Tuple.of(id, userId)).replaceWithVoid();
    }
}
