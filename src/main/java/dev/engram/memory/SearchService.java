package dev.engram.memory;

import dev.engram.embed.ActiveEmbedder;
import dev.engram.extract.MemoryType;
import dev.engram.platform.errors.Malformed;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import dev.engram.memory.MemoryRepository.Ranked;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Hybrid search over a user's memories: pgvector HNSW cosine ranking and Postgres full-text ranking, fused by
 * reciprocal rank fusion (k = 60), so a memory found by both meaning and words ranks first. With the {@code short}
 * tier the user's chat messages that still have content are ranked the same way, weighed by age
 * ({@link MessageSearch}), and merged into the results by score.
 */
@ApplicationScoped
class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);

    static final int RRF_K = 60;
    private static final int CANDIDATES = 50;
    /** The tiers a request may name: short (chat messages), medium (summary memories), long (memories). */
    static final Set<String> TIERS = Set.of("short", "medium", "long");

    private final ReactiveBridge bridge;
    private final Pool pool;
    private final ActiveEmbedder embedder;

    private final MemoryRepository repository;
    private final Instance<MessageSearch> messages;

    SearchService(ReactiveBridge bridge, Pool pool, ActiveEmbedder embedder, MemoryRepository repository,
            Instance<MessageSearch> messages) {
        this.repository = repository;
        this.messages = messages;
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
        boolean withMessages = shortTier(r.tiers());
        String vector = PgVectors.literal(embedder.get().embedQuery(r.query().strip()));
        String text = r.query().strip();
        Found found = bridge.await(() -> pool.withTransaction(conn -> repository.searchHybrid(conn, userId,
                vector, text, k, types, tags, CANDIDATES, RRF_K)
                .chain(ranked -> (withMessages ? messages.get().search(conn, userId, vector, text, k, CANDIDATES, RRF_K)
                        : Uni.createFrom().item(List.<MessageSearch.Found>of()))
                        .map(msgs -> new Found(ranked, msgs)))));
        List<Ranked> ranked = found.memories();
        List<SearchHit> hits = new ArrayList<>();
        if (!ranked.isEmpty()) {
            List<UUID> ids = ranked.stream().map(Ranked::id).toList();
            touch(ids);
            Map<UUID, Memory> byId = new HashMap<>();
            bridge.await(() -> repository.findByIds(ids)).forEach(m -> byId.put(m.id, m));
            ranked.stream().filter(x -> byId.containsKey(x.id()))
                    .map(x -> SearchHit.memory(withMessages ? "memory" : null, MemoryView.of(byId.get(x.id())), x.score(),
                            x.vec(), x.txt()))
                    .forEach(hits::add);
        }
        if (!withMessages) {
            return hits;
        }
        found.messages().stream().map(SearchHit::message).forEach(hits::add);
        return hits.stream().sorted(Comparator.comparingDouble(SearchHit::score).reversed()).limit(k).toList();
    }

    private record Found(List<Ranked> memories, List<MessageSearch.Found> messages) {
    }

    /** Whether the request asked for the short tier (chat messages); memories are searched in any case. */
    private boolean shortTier(List<String> tiers) {
        if (tiers == null) {
            return false;
        }
        for (String tier : tiers) {
            if (tier == null || !TIERS.contains(tier)) {
                throw new Malformed("tiers: each must be one of short, medium, long");
            }
        }
        if (tiers.contains("short") && !messages.isResolvable()) {
            throw new IllegalStateException("no MessageSearch is deployed for the short tier");
        }
        return tiers.contains("short");
    }

    /**
     * Records that the found memories were accessed. Best effort and never blocking: rows another transaction holds
     * (an edit, a re-embedding batch) are skipped rather than waited for, and they are locked in id order, so a
     * search can neither stall nor deadlock with writers.
     */
    private void touch(List<UUID> ids) {
        try {
            bridge.await(() -> repository.touch(pool, ids));
        } catch (RuntimeException e) {
            LOG.debugf("accessed_at not updated: %s", e.getMessage());
        }
    }
}
