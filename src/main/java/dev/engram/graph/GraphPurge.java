package dev.engram.graph;

import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Removes what a purged job left in its owner's graph: its graph work and its evidence; then every fact and entity
 * left without evidence goes, and an edge that a removed fact had superseded holds again (the newer fact it rested on
 * is gone). A merged entity stays while its survivor holds some of what the merge moved, so that the merge's undo
 * gives back what is left; once nothing is, it goes too, and its merge record stays (its end cleared) for the undo
 * to refuse. Runs under the graph's lock per user, so a graph stage applying a chunk of the job either finishes first
 * (and its rows are removed here) or finds the job's work gone and writes nothing.
 */
@ApplicationScoped
public class GraphPurge {

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final GraphWorkRepository work;
    private final GraphEvidenceRepository evidence;
    private final RelationshipRepository relationships;
    private final EntityRepository entities;
    private final EntityMerger merger;

    GraphPurge(Pool pool, ReactiveBridge bridge, GraphWorkRepository work, GraphEvidenceRepository evidence,
            RelationshipRepository relationships, EntityRepository entities, EntityMerger merger) {
        this.pool = pool;
        this.bridge = bridge;
        this.work = work;
        this.evidence = evidence;
        this.relationships = relationships;
        this.entities = entities;
        this.merger = merger;
    }

    /** Purges job {@code taskId}'s part of {@code userId}'s graph; returns how many facts went with it. */
    public int purgeJob(String userId, String taskId) {
        return bridge.await(() -> pool.withTransaction(conn -> GraphLock.take(conn, userId)
                .chain(() -> work.deleteOfJob(conn, userId, taskId))
                .chain(() -> purgeEvidence(conn, userId, taskId))));
    }

    /**
     * Deletes the evidence job {@code jobId} gave, then what it leaves without evidence; on the connection of the
     * caller's transaction, which holds the user's {@link GraphLock}. Answers how many facts went.
     */
    Uni<Integer> purgeEvidence(SqlClient conn, String userId, String jobId) {
        return evidence.deleteOfJob(conn, userId, jobId).chain(() -> sweep(conn, userId));
    }

    /**
     * Deletes the user's facts without evidence (opening again what they had superseded) and the entities without
     * evidence that no fact has at an end, but for a merged entity whose merge still has something to give back
     * ({@link EntityMerger#restorableLosers}); answers how many facts went.
     */
    Uni<Integer> sweep(SqlClient conn, String userId) {
        return evidence.evidenced(conn, userId)
                .chain(left -> relationships.reopenSupersededByAllBut(conn, userId, left.relationships())
                        .chain(() -> relationships.deleteAllBut(conn, userId, left.relationships()))
                        .call(() -> relationships.endpoints(conn, userId)
                                .chain(ends -> merger.restorableLosers(conn, userId).chain(losers -> {
                                    Set<UUID> keep = new HashSet<>(left.entities());
                                    keep.addAll(ends);
                                    keep.addAll(losers);
                                    return entities.deleteAllBut(conn, userId, keep);
                                }))));
    }
}
