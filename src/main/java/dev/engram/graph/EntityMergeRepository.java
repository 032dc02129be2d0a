package dev.engram.graph;

import dev.engram.platform.persistence.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The only SQL over {@code entity_merges}: each merge of one entity into another, with what moved, so that an undo
 * puts it back; an undone merge also keeps its pair from merging automatically again. Every statement is scoped by
 * the owner's user id and takes the caller's client (a pool, or the connection of the caller's transaction).
 */
@ApplicationScoped
class EntityMergeRepository {

    /** A recorded merge; {@code moved} as JSON text. */
    record Merge(UUID id, UUID survivorId, UUID mergedId, String method, Double score, String moved,
            OffsetDateTime createdAt, OffsetDateTime undoneAt) {
    }

    Uni<Void> insert(SqlClient db, String userId, Merge m) {
        return db.preparedQuery("INSERT INTO entity_merges (id, user_id, survivor_id, merged_id, method, score, "
                + "moved) VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb)")
                .execute(Tuple.tuple(Arrays.asList(m.id(), userId, m.survivorId(), m.mergedId(), m.method(),
                        m.score() == null ? null : m.score().floatValue(), m.moved())))
                .replaceWithVoid();
    }

    Uni<Optional<Merge>> find(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("SELECT id, survivor_id, merged_id, method, score, moved::text AS moved, created_at, "
                + "undone_at FROM entity_merges WHERE user_id = $1 AND id = $2").execute(Tuple.of(userId, id))
                .map(rows -> Rows.list(rows, EntityMergeRepository::merge).stream().findFirst());
    }

    /** The user's merges that are not undone and whose two ends are still there. */
    Uni<List<Merge>> standing(SqlClient db, String userId) {
        return db.preparedQuery("SELECT id, survivor_id, merged_id, method, score, moved::text AS moved, created_at, "
                + "undone_at FROM entity_merges WHERE user_id = $1 AND undone_at IS NULL AND survivor_id IS NOT NULL "
                + "AND merged_id IS NOT NULL").execute(Tuple.of(userId))
                .map(rows -> Rows.list(rows, EntityMergeRepository::merge));
    }

    /** Marks the merge undone; false when it already was. */
    Uni<Boolean> markUndone(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("UPDATE entity_merges SET undone_at = now() WHERE user_id = $1 AND id = $2 "
                + "AND undone_at IS NULL").execute(Tuple.of(userId, id)).map(rows -> rows.rowCount() > 0);
    }

    /** The entities an undone merge paired with {@code entityId}: they never merge with it automatically. */
    Uni<Set<UUID>> blockedWith(SqlClient db, String userId, UUID entityId) {
        return db.preparedQuery("SELECT CASE WHEN survivor_id = $2 THEN merged_id ELSE survivor_id END AS other "
                + "FROM entity_merges WHERE user_id = $1 AND undone_at IS NOT NULL AND survivor_id IS NOT NULL "
                + "AND merged_id IS NOT NULL AND (survivor_id = $2 OR merged_id = $2)")
                .execute(Tuple.of(userId, entityId))
                .map(rows -> new HashSet<>(Rows.list(rows, r -> r.getUUID("other"))));
    }

    /** Every pair an undone merge blocks, each as {@link #pair}. */
    Uni<Set<String>> blockedPairs(SqlClient db, String userId) {
        return db.preparedQuery("SELECT survivor_id, merged_id FROM entity_merges WHERE user_id = $1 "
                + "AND undone_at IS NOT NULL AND survivor_id IS NOT NULL AND merged_id IS NOT NULL")
                .execute(Tuple.of(userId))
                .map(rows -> new HashSet<>(Rows.list(rows, r -> pair(r.getUUID("survivor_id"),
                        r.getUUID("merged_id")))));
    }

    /** The same text for a pair whichever way round. */
    static String pair(UUID a, UUID b) {
        return a.compareTo(b) < 0 ? a + "/" + b : b + "/" + a;
    }

    private static Merge merge(Row r) {
        Float score = r.getFloat("score");
        return new Merge(r.getUUID("id"), r.getUUID("survivor_id"), r.getUUID("merged_id"), r.getString("method"),
                score == null ? null : score.doubleValue(), r.getString("moved"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("undone_at"));
    }
}
