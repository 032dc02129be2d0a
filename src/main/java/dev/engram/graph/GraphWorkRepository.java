package dev.engram.graph;

import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code graph_work} table's only owner: one row per processed chunk, {@code pending} until the graph stage has
 * applied its entities and relationships, with the validated answer saved before it is applied.
 */
@ApplicationScoped
class GraphWorkRepository {

    private final Pool pool;
    private final ReactiveBridge bridge;

    GraphWorkRepository(Pool pool, ReactiveBridge bridge) {
        this.pool = pool;
        this.bridge = bridge;
    }

    /** A row: its state, the saved answer (JSON) if any, and the failure's reason. */
    record Work(String state, String answer, String error) {
    }

    /** Inserts pending rows for the chunks that have none; returns the chunks whose row is still pending. */
    List<GraphRequested> open(List<GraphRequested> chunks) {
        if (chunks.isEmpty()) {
            return List.of();
        }
        List<Tuple> rows = chunks.stream().map(c -> Tuple.of(c.jobId(), c.chunkIndex(), c.userId())).toList();
        return bridge.await(() -> pool.preparedQuery("INSERT INTO graph_work (job_id, chunk_index, user_id) "
                + "VALUES ($1, $2, $3) ON CONFLICT (job_id, chunk_index) DO NOTHING").executeBatch(rows)
                .chain(() -> pool.preparedQuery("SELECT job_id, chunk_index, user_id FROM graph_work WHERE "
                        + "(job_id, chunk_index) IN (SELECT * FROM unnest($1::text[], $2::int[])) AND state = 'pending'")
                        .execute(Tuple.of(chunks.stream().map(GraphRequested::jobId).toArray(String[]::new),
                                chunks.stream().map(GraphRequested::chunkIndex).toArray(Integer[]::new))))
                .map(GraphWorkRepository::requests));
    }

    Optional<Work> find(GraphRequested r) {
        return bridge.await(() -> pool.preparedQuery("SELECT state, answer::text AS answer, error FROM graph_work "
                + "WHERE job_id = $1 AND chunk_index = $2 AND user_id = $3")
                .execute(Tuple.of(r.jobId(), r.chunkIndex(), r.userId()))
                .map(rs -> rs.rowCount() == 0 ? Optional.<Work>empty() : Optional.of(work(rs.iterator().next()))));
    }

    /**
     * Takes the reading of the chunk's answer for {@code lease}: false when the work is no longer pending, has its
     * answer, or another delivery holds it (that one asks the provider; this one has nothing to do).
     */
    boolean startReading(GraphRequested r, Duration lease) {
        return bridge.await(() -> pool.preparedQuery("UPDATE graph_work SET read_until = now() + make_interval(secs "
                + "=> $4) WHERE job_id = $1 AND chunk_index = $2 AND user_id = $3 AND state = 'pending' AND answer IS "
                + "NULL AND (read_until IS NULL OR read_until < now())")
                .execute(Tuple.of(r.jobId(), r.chunkIndex(), r.userId(), (double) lease.toSeconds()))
                .map(rs -> rs.rowCount() > 0));
    }

    /** Lets go of a reading that failed, so the next delivery asks again at once. */
    void stopReading(GraphRequested r) {
        bridge.await(() -> pool.preparedQuery("UPDATE graph_work SET read_until = NULL WHERE job_id = $1 AND "
                + "chunk_index = $2 AND user_id = $3").execute(Tuple.of(r.jobId(), r.chunkIndex(), r.userId()))
                .replaceWithVoid());
    }

    /** Saves the answer once; a second answer for the same work is ignored, so one is applied everywhere. */
    String saveAnswer(GraphRequested r, String answer) {
        return bridge.await(() -> pool.preparedQuery("UPDATE graph_work SET answer = coalesce(answer, $4::text::jsonb), "
                + "updated_at = now() WHERE job_id = $1 AND chunk_index = $2 AND user_id = $3 RETURNING answer::text "
                + "AS answer").execute(Tuple.of(r.jobId(), r.chunkIndex(), r.userId(), answer))
                .map(rs -> rs.rowCount() == 0 ? null : rs.iterator().next().getString("answer")));
    }

    void complete(GraphRequested r) {
        settle(r, "completed", null);
    }

    void fail(GraphRequested r, String reason) {
        settle(r, "failed", reason);
    }

    private void settle(GraphRequested r, String state, String error) {
        bridge.await(() -> pool.preparedQuery("UPDATE graph_work SET state = $4, error = $5, updated_at = now() "
                + "WHERE job_id = $1 AND chunk_index = $2 AND user_id = $3 AND state = 'pending'")
                .execute(Tuple.of(r.jobId(), r.chunkIndex(), r.userId(), state, error)).replaceWithVoid());
    }

    /** Pending rows not touched for {@code age}, touched now so that a concurrent sweep does not take them too. */
    List<GraphRequested> claimStale(Duration age, int limit) {
        return bridge.await(() -> pool.preparedQuery("UPDATE graph_work SET updated_at = now() WHERE (job_id, "
                + "chunk_index) IN (SELECT job_id, chunk_index FROM graph_work WHERE state = 'pending' AND updated_at "
                + "< now() - make_interval(secs => $1) ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED) "
                + "RETURNING job_id, chunk_index, user_id").execute(Tuple.of((double) age.toSeconds(), limit))
                .map(GraphWorkRepository::requests));
    }

    /** Whether the chunk's work is still pending, read on the caller's client (the graph writer's transaction). */
    Uni<Boolean> isPending(SqlClient db, String userId, String jobId, int chunkIndex) {
        return db.preparedQuery("SELECT 1 FROM graph_work WHERE user_id = $1 AND job_id = $2 AND chunk_index = $3 "
                + "AND state = 'pending'").execute(Tuple.of(userId, jobId, chunkIndex)).map(rows -> rows.rowCount() > 0);
    }

    /** Deletes a job's work on the caller's client (the graph purge's transaction). */
    Uni<Void> deleteOfJob(SqlClient db, String userId, String jobId) {
        return db.preparedQuery("DELETE FROM graph_work WHERE user_id = $1 AND job_id = $2")
                .execute(Tuple.of(userId, jobId)).replaceWithVoid();
    }

    /** A job's work: how many of its chunks are pending, completed and failed. */
    record JobCounts(int pending, int completed, int failed) {
    }

    /** The work of the whole table: pending and failed rows, and when the oldest pending row was requested. */
    record Totals(long pending, long failed, OffsetDateTime oldestPending) {
    }

    /** Per job of {@code jobIds} with any work, its counts: one query for them all. */
    Map<String, JobCounts> countsOfJobs(String userId, Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        return bridge.await(() -> pool.preparedQuery("SELECT job_id, count(*) FILTER (WHERE state = 'pending') AS "
                + "pending, count(*) FILTER (WHERE state = 'completed') AS completed, count(*) FILTER (WHERE state "
                + "= 'failed') AS failed FROM graph_work WHERE user_id = $1 AND job_id = ANY($2) GROUP BY job_id")
                .execute(Tuple.of(userId, jobIds.toArray(String[]::new))).map(rows -> {
                    Map<String, JobCounts> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString("job_id"), new JobCounts(r.getInteger("pending"),
                            r.getInteger("completed"), r.getInteger("failed"))));
                    return out;
                }));
    }

    Totals totals() {
        return bridge.await(() -> pool.preparedQuery("SELECT count(*) FILTER (WHERE state = 'pending') AS pending, "
                + "count(*) FILTER (WHERE state = 'failed') AS failed, min(created_at) FILTER (WHERE state = "
                + "'pending') AS oldest FROM graph_work").execute().map(rows -> {
                    Row r = rows.iterator().next();
                    return new Totals(r.getLong("pending"), r.getLong("failed"), r.getOffsetDateTime("oldest"));
                }));
    }

    /** Inserts pending rows for the chunks that have none; returns those it inserted. */
    List<GraphRequested> insertMissing(List<GraphRequested> chunks) {
        if (chunks.isEmpty()) {
            return List.of();
        }
        return bridge.await(() -> pool.preparedQuery("INSERT INTO graph_work (job_id, chunk_index, user_id) "
                + "SELECT * FROM unnest($1::text[], $2::int[], $3::text[]) ON CONFLICT (job_id, chunk_index) "
                + "DO NOTHING RETURNING job_id, chunk_index, user_id")
                .execute(Tuple.of(chunks.stream().map(GraphRequested::jobId).toArray(String[]::new),
                        chunks.stream().map(GraphRequested::chunkIndex).toArray(Integer[]::new),
                        chunks.stream().map(GraphRequested::userId).toArray(String[]::new)))
                .map(GraphWorkRepository::requests));
    }

    /** Makes failed work pending again (its saved answer kept); true when it is pending now. */
    boolean reopen(GraphRequested r) {
        return bridge.await(() -> pool.preparedQuery("UPDATE graph_work SET state = 'pending', error = NULL, "
                + "updated_at = now() WHERE job_id = $1 AND chunk_index = $2 AND user_id = $3 AND state IN "
                + "('pending', 'failed') RETURNING state").execute(Tuple.of(r.jobId(), r.chunkIndex(), r.userId()))
                .map(rows -> rows.rowCount() > 0));
    }

    private static List<GraphRequested> requests(Iterable<Row> rows) {
        List<GraphRequested> out = new ArrayList<>();
        rows.forEach(r -> out.add(new GraphRequested(r.getString("job_id"), r.getInteger("chunk_index"),
                r.getString("user_id"))));
        return out;
    }

    private static Work work(Row r) {
        return new Work(r.getString("state"), r.getString("answer"), r.getString("error"));
    }
}
