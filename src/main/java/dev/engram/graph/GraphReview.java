package dev.engram.graph;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.review.ChunkMemories;
import dev.engram.review.MemoriesReviewed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Decision and task nodes follow their memory's review: {@code proposed} while it awaits review, {@code active}
 * once confirmed or auto-saved, {@code rejected} once rejected or expired; their facts ({@code leads},
 * {@code assigned_to}, {@code decided_in}, {@code about}) follow with them. The statuses are read again under the
 * user's {@link GraphLock}, never taken from the caller, so the order of the calls does not matter: review calls
 * this after its commit ({@link MemoriesReviewed}), the graph stage after it applied a chunk (its answer may predate
 * a confirmation), and the hourly resend sweeps the proposed nodes (a call lost between a commit and here).
 */
@ApplicationScoped
public class GraphReview {

    private static final Logger LOG = Logger.getLogger(GraphReview.class);
    private static final int SWEEP_PAGE = 500;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ChunkMemories memories;
    private final EntityRepository entities;
    private final RelationshipRepository relationships;

    GraphReview(Pool pool, ReactiveBridge bridge, ChunkMemories memories, EntityRepository entities,
            RelationshipRepository relationships) {
        this.pool = pool;
        this.bridge = bridge;
        this.memories = memories;
        this.entities = entities;
        this.relationships = relationships;
    }

    void onReviewed(@Observes MemoriesReviewed event) {
        try {
            follow(event.userId(), event.memoryIds());
        } catch (RuntimeException e) {
            // The review is committed; the hourly sweep brings the nodes in line.
            LOG.warnf("the graph nodes of %d reviewed memories of %s wait for the next sweep: %s",
                    event.memoryIds().size(), event.userId(), e.getMessage());
        }
    }

    /** Sets the nodes of {@code memoryIds} (own or saved ids) and their facts to what the reviews say now. */
    public void follow(String userId, Collection<UUID> memoryIds) {
        if (memoryIds.isEmpty()) {
            return;
        }
        bridge.await(() -> pool.withTransaction(conn -> GraphLock.take(conn, userId)
                .chain(() -> memories.reviews(conn, userId, memoryIds))
                .chain(reviews -> apply(conn, userId, reviews))));
    }

    /** Follows the reviews of every proposed node; returns how many nodes it looked at. */
    int sweep() {
        int seen = 0;
        UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
        while (true) {
            UUID from = after;
            List<EntityRepository.MemoryNode> page = bridge.await(() -> entities.proposedMemoryNodes(pool, from,
                    SWEEP_PAGE));
            Map<String, Set<UUID>> byUser = new HashMap<>();
            page.forEach(n -> byUser.computeIfAbsent(n.userId(), u -> new HashSet<>()).add(n.memoryId()));
            byUser.forEach(this::follow);
            seen += page.size();
            if (page.size() < SWEEP_PAGE) {
                return seen;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private Uni<Void> apply(SqlConnection conn, String userId, List<ChunkMemories.Review> reviews) {
        Map<String, Set<UUID>> byStatus = new HashMap<>();
        for (ChunkMemories.Review r : reviews) {
            Set<UUID> ids = byStatus.computeIfAbsent(nodeStatus(r.status()), s -> new HashSet<>());
            ids.add(r.id());
            if (r.savedAs() != null) {
                ids.add(r.savedAs());
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var e : byStatus.entrySet()) {
            chain = chain.chain(() -> entities.followMemories(conn, userId, e.getValue().toArray(UUID[]::new),
                    e.getKey()))
                    .chain(nodes -> nodes.isEmpty() ? Uni.createFrom().voidItem()
                            : relationships.followEndpoints(conn, userId, nodes.toArray(UUID[]::new), e.getKey()));
        }
        return chain;
    }

    /** The status a memory's node has while the memory has {@code reviewStatus}. */
    static String nodeStatus(String reviewStatus) {
        return switch (reviewStatus) {
            case "confirmed" -> "active";
            case "rejected", "expired" -> "rejected";
            default -> "proposed";
        };
    }
}
