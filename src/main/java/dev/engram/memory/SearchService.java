package dev.engram.memory;

import dev.engram.embed.ActiveEmbedder;
import dev.engram.extract.MemoryType;
import dev.engram.platform.errors.Malformed;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.platform.persistence.ReactiveBridge;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Hybrid search over a user's memories: pgvector HNSW cosine ranking and Postgres full-text ranking, fused by
 * reciprocal rank fusion (k = 60), so a memory found by both meaning and words ranks first.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);

    static final int RRF_K = 60;
    private static final int CANDIDATES = 50;

    private final ReactiveBridge bridge;
    private final Pool pool;
    private final ActiveEmbedder embedder;

    SearchService(ReactiveBridge bridge, Pool pool, ActiveEmbedder embedder) {
        this.bridge = bridge;
        this.pool = pool;
        this.embedder = embedder;
    }

    public List<SearchHit> search(String userId, SearchRequest r) {
        if (r == null || r.query() == null || r.query().isBlank() || r.query().length() > 2_000) {
            throw new Malformed("query: must be 1 to 2000 characters");
        }
        int k = r.k() == null ? 10 : r.k();
        if (k < 1 || k > 100) {
            throw new Malformed("k: must be between 1 and 100");
        }
        String[] types = r.memoryTypes() == null || r.memoryTypes().isEmpty() ? null
                : r.memoryTypes().stream().map(t -> {
                    try {
                        return MemoryType.fromWire(t).wireName();
                    } catch (IllegalArgumentException e) {
                        throw new Malformed("memory_types: " + e.getMessage());
                    }
                }).toArray(String[]::new);
        String[] tags = r.tags() == null || r.tags().isEmpty() ? null : r.tags().toArray(String[]::new);
        String vector = PgVectors.literal(embedder.get().embedQuery(r.query().strip()));
        Tuple args = Tuple.of(userId, vector, r.query().strip(), k).addArrayOfString(types).addArrayOfString(tags);
        List<Ranked> ranked = bridge.await(() -> pool.withTransaction(conn -> conn
                .query("SET LOCAL hnsw.iterative_scan = relaxed_order").execute()
                .chain(() -> conn.preparedQuery(SQL).execute(args))
                .map(rows -> {
                    List<Ranked> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(new Ranked(row.getUUID("id"), row.getDouble("score"), row.getDouble("vec"),
                                row.getDouble("txt")));
                    }
                    return out;
                })));
        if (ranked.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = ranked.stream().map(Ranked::id).toList();
        touch(ids);
        Map<UUID, Memory> byId = new HashMap<>();
        bridge.await(() -> Panache.withSession(() -> Memory.<Memory>list("id in ?1", ids)))
                .forEach(m -> byId.put(m.id, m));
        return ranked.stream().filter(x -> byId.containsKey(x.id()))
                .map(x -> new SearchHit(MemoryView.of(byId.get(x.id())), x.score(), x.vec(), x.txt())).toList();
    }

    /**
     * Records that the found memories were accessed. Best effort and never blocking: rows another transaction holds
     * (an edit, a re-embedding batch) are skipped rather than waited for, and they are locked in id order, so a
     * search can neither stall nor deadlock with writers.
     */
    private void touch(List<UUID> ids) {
        try {
            bridge.await(() -> pool.preparedQuery("""
                    UPDATE memories SET accessed_at = now() WHERE id IN (
                        SELECT id FROM memories WHERE id = ANY($1) ORDER BY id FOR UPDATE SKIP LOCKED)""")
                    .execute(Tuple.of(ids.toArray(UUID[]::new))));
        } catch (RuntimeException e) {
            LOG.debugf("accessed_at not updated: %s", e.getMessage());
        }
    }

    private record Ranked(UUID id, double score, Double vec, Double txt) {
    }

    /*
     * $1 user, $2 query vector, $3 query text, $4 k, $5 types or null, $6 tags or null. Words are OR-ed, so a
     * question matches memories sharing any of its content words; the ranking does the rest.
     */
    private static final String SQL = """
            WITH q AS (
                SELECT nullif(replace(plainto_tsquery('english', $3)::text, ' & ', ' | '), '')::tsquery AS ts
            ),
            scope AS (
                SELECT id, content, embedding FROM memories
                WHERE user_id = $1 AND deleted_at IS NULL
                  AND ($5::text[] IS NULL OR memory_type = ANY($5))
                  AND ($6::text[] IS NULL OR tags ?| $6)
            ),
            vec AS (
                SELECT id, row_number() OVER (ORDER BY d) AS r, 1 - d AS sim FROM (
                    SELECT id, embedding <=> $2::text::vector AS d FROM scope WHERE embedding IS NOT NULL
                    ORDER BY embedding <=> $2::text::vector LIMIT %d) v
            ),
            txt AS (
                SELECT id, row_number() OVER (ORDER BY rank DESC) AS r, rank FROM (
                    SELECT s.id, ts_rank_cd(to_tsvector('english', s.content), q.ts) AS rank
                    FROM scope s, q WHERE q.ts IS NOT NULL AND to_tsvector('english', s.content) @@ q.ts
                    ORDER BY rank DESC LIMIT %d) t
            )
            SELECT coalesce(vec.id, txt.id) AS id,
                   coalesce(1.0 / (%d + vec.r), 0) + coalesce(1.0 / (%d + txt.r), 0) AS score,
                   vec.sim AS vec, txt.rank AS txt
            FROM vec FULL OUTER JOIN txt ON vec.id = txt.id
            ORDER BY score DESC, vec.sim DESC NULLS LAST
            LIMIT $4""".formatted(CANDIDATES, CANDIDATES, RRF_K, RRF_K);
}
