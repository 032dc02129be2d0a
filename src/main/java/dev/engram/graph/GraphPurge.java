package dev.engram.graph;

import dev.engram.platform.persistence.ReactiveBridge;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Removes what a purged job left in its owner's graph: its graph work and its evidence; then every fact and entity
 * left without evidence goes, and an edge that a removed fact had superseded holds again (the newer fact it rested on
 * is gone). Runs under the graph's lock per user, so a graph stage applying a chunk of the job either finishes first
 * (and its rows are removed here) or finds the job's work gone and writes nothing.
 */
@ApplicationScoped
public class GraphPurge {

    private final Pool pool;
    private final ReactiveBridge bridge;

    GraphPurge(Pool pool, ReactiveBridge bridge) {
        this.pool = pool;
        this.bridge = bridge;
    }

    /** Purges job {@code taskId}'s part of {@code userId}'s graph; returns how many facts went with it. */
    public int purgeJob(String userId, String taskId) {
        Tuple user = Tuple.of(userId);
        Tuple job = Tuple.of(userId, taskId);
        return bridge.await(() -> pool.withTransaction(conn -> conn
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("engram.graph:" + userId))
                .chain(() -> conn.preparedQuery("DELETE FROM graph_work WHERE user_id = $1 AND job_id = $2").execute(job))
                .chain(() -> conn.preparedQuery("DELETE FROM graph_evidence WHERE user_id = $1 AND job_id = $2")
                        .execute(job))
                .chain(() -> conn.preparedQuery("""
                        UPDATE relationships o SET valid_to = NULL, status = 'active', invalidated_at = NULL,
                                                   superseded_by = NULL
                        WHERE o.user_id = $1 AND o.superseded_by IN (
                            SELECT r.id FROM relationships r WHERE r.user_id = $1
                            AND NOT EXISTS (SELECT 1 FROM graph_evidence g WHERE g.relationship_id = r.id))""")
                        .execute(user))
                .chain(() -> conn.preparedQuery("""
                        DELETE FROM relationships r WHERE r.user_id = $1
                        AND NOT EXISTS (SELECT 1 FROM graph_evidence g WHERE g.relationship_id = r.id)""")
                        .execute(user))
                .call(() -> conn.preparedQuery("""
                        DELETE FROM entities e WHERE e.user_id = $1
                        AND NOT EXISTS (SELECT 1 FROM graph_evidence g WHERE g.entity_id = e.id)
                        AND NOT EXISTS (SELECT 1 FROM relationships r WHERE r.source_id = e.id OR r.target_id = e.id)""")
                        .execute(user))
                .map(deleted -> deleted.rowCount())));
    }
}
