package dev.engram.graph;

import dev.engram.extract.RelationType;
import dev.engram.platform.persistence.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The only SQL over {@code relationships}: the graph's facts, edges from a source to a target with their time.
 * Every statement is scoped by the owner's user id and takes the caller's client (a pool, or the connection of the
 * caller's transaction).
 */
@ApplicationScoped
class RelationshipRepository {

    private static final String COLUMNS = "id, type, fact, confidence, attributes::text AS attributes, status, "
            + "valid_from, valid_to, superseded_by, source_id, target_id";

    /**
     * A fact to insert; {@code closed} sets its invalidation time to now; {@code insightId} the profile insight it
     * states, null for a fact read from a chunk.
     */
    record NewFact(UUID id, String userId, UUID sourceId, UUID targetId, String type, String fact, float confidence,
            String attributesJson, String status, LocalDate validFrom, LocalDate validTo, boolean closed,
            UUID supersededBy, UUID insightId) {
    }

    /** A stored fact; attributes as JSON text. */
    record Stored(UUID id, String type, String fact, double confidence, String attributes, String status,
            LocalDate validFrom, LocalDate validTo, UUID supersededBy, UUID sourceId, UUID targetId) {
    }

    /** The edges from {@code sourceId} that are not rejected, as {@link Timeline} places a new fact among them. */
    Uni<List<Timeline.Edge>> edgesFrom(SqlClient db, String userId, UUID sourceId) {
        return db.preparedQuery("SELECT id, target_id, type, valid_from, valid_to FROM relationships "
                + "WHERE user_id = $1 AND source_id = $2 AND status <> 'rejected'")
                .execute(Tuple.of(userId, sourceId))
                .map(rows -> Rows.list(rows, r -> new Timeline.Edge(r.getUUID("id"), r.getUUID("target_id"),
                        RelationType.fromWire(r.getString("type")), r.getLocalDate("valid_from"),
                        r.getLocalDate("valid_to"))));
    }

    Uni<Void> insert(SqlClient db, NewFact f) {
        return db.preparedQuery("INSERT INTO relationships (id, user_id, source_id, target_id, type, fact, "
                + "confidence, attributes, status, valid_from, valid_to, invalidated_at, superseded_by, insight_id) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10, $11, CASE WHEN $12 THEN now() END, "
                + "$13, $14)")
                .execute(Tuple.tuple(Arrays.asList(f.id(), f.userId(), f.sourceId(), f.targetId(), f.type(),
                        f.fact(), f.confidence(), f.attributesJson(), f.status(), f.validFrom(), f.validTo(),
                        f.closed(), f.supersededBy(), f.insightId())))
                .replaceWithVoid();
    }

    /** Ends an open edge at {@code at}; {@code supersededBy} is the edge that replaces it, null when a fact ends it. */
    Uni<Void> close(SqlClient db, String userId, UUID id, LocalDate at, UUID supersededBy) {
        return db.preparedQuery("UPDATE relationships SET valid_to = $3, status = 'invalidated', "
                + "invalidated_at = now(), superseded_by = $4 WHERE id = $1 AND user_id = $2 AND valid_to IS NULL")
                .execute(Tuple.of(id, userId, at, supersededBy)).replaceWithVoid();
    }

    /** The fact that states profile insight {@code insightId}, whatever its status. */
    Uni<Optional<Stored>> ofInsight(SqlClient db, String userId, UUID insightId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM relationships WHERE user_id = $1 AND insight_id = $2")
                .execute(Tuple.of(userId, insightId))
                .map(rows -> Rows.list(rows, RelationshipRepository::stored).stream().findFirst());
    }

    /** More evidence for a fact: it keeps the higher confidence. */
    Uni<Void> raise(SqlClient db, String userId, UUID id, float confidence) {
        return db.preparedQuery("UPDATE relationships SET confidence = greatest(confidence, $3) WHERE id = $1 "
                + "AND user_id = $2").execute(Tuple.of(id, userId, confidence)).replaceWithVoid();
    }

    /**
     * The fact of profile insight {@code insightId} takes its confidence; with {@code doubted} an active one is
     * proposed again.
     */
    Uni<Void> reweighOfInsight(SqlClient db, String userId, UUID insightId, float confidence, boolean doubted) {
        return db.preparedQuery("UPDATE relationships SET confidence = $3, status = CASE WHEN $4 AND status = 'active' "
                + "THEN 'proposed' ELSE status END WHERE user_id = $1 AND insight_id = $2")
                .execute(Tuple.of(userId, insightId, confidence, doubted)).replaceWithVoid();
    }

    /**
     * Ends the open facts of the profile insights {@code insightIds} at {@code at} (not before each one's start), as
     * superseded by fact {@code by}; answers how many ended.
     */
    Uni<Integer> closeOfInsights(SqlClient db, String userId, UUID[] insightIds, LocalDate at, UUID by) {
        return db.preparedQuery("UPDATE relationships SET valid_to = greatest($3, valid_from), status = 'invalidated', "
                + "invalidated_at = now(), superseded_by = $4 WHERE user_id = $1 AND insight_id = ANY($2) "
                + "AND valid_to IS NULL AND status <> 'rejected'")
                .execute(Tuple.of(userId, insightIds, at, by)).map(RowSet::rowCount);
    }

    /**
     * The fact says what its corrected insight now says, and holds again from its start: type, target, wording,
     * confidence and attributes replaced, its end, invalidation and superseding cleared.
     */
    Uni<Void> restate(SqlClient db, String userId, UUID id, String type, UUID targetId, String fact, float confidence,
            String attributesJson) {
        return db.preparedQuery("UPDATE relationships SET type = $3, target_id = $4, fact = $5, confidence = $6, "
                + "attributes = $7::text::jsonb, status = 'active', valid_to = NULL, invalidated_at = NULL, "
                + "superseded_by = NULL WHERE id = $1 AND user_id = $2")
                .execute(Tuple.tuple(Arrays.asList(id, userId, type, targetId, fact, confidence, attributesJson)))
                .replaceWithVoid();
    }

    /** One of the user's facts, whatever its status. */
    Uni<Optional<Stored>> find(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM relationships WHERE user_id = $1 AND id = $2")
                .execute(Tuple.of(userId, id))
                .map(rows -> Rows.list(rows, RelationshipRepository::stored).stream().findFirst());
    }

    /**
     * The facts with an end among {@code ids} whose status is one of {@code statuses}, of {@code type} if not null,
     * holding at {@code asOf} if not null.
     */
    Uni<List<Stored>> touching(SqlClient db, String userId, Collection<UUID> ids, String[] statuses, String type,
            LocalDate asOf) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM relationships WHERE user_id = $1 "
                + "AND (source_id = ANY($2) OR target_id = ANY($2)) AND status = ANY($3) "
                + "AND ($4::text IS NULL OR type = $4) AND ($5::date IS NULL OR ((valid_from IS NULL "
                + "OR valid_from <= $5) AND (valid_to IS NULL OR valid_to > $5))) ORDER BY created_at, id")
                .execute(Tuple.tuple(Arrays.asList(userId, ids.toArray(UUID[]::new), statuses, type, asOf)))
                .map(rows -> Rows.list(rows, RelationshipRepository::stored));
    }

    /** Sets the status of each of {@code ids} to the status at the same place in {@code statuses}. */
    Uni<Void> setStatuses(SqlClient db, String userId, UUID[] ids, String[] statuses) {
        return db.preparedQuery("UPDATE relationships r SET status = s.status FROM unnest($2::uuid[], $3::text[]) "
                + "AS s(id, status) WHERE r.user_id = $1 AND r.id = s.id")
                .execute(Tuple.of(userId, ids, statuses)).replaceWithVoid();
    }

    /** Ends the fact at {@code validTo}; a fact that ended earlier or later ends then instead. */
    Uni<Void> endAt(SqlClient db, String userId, UUID id, LocalDate validTo) {
        return db.preparedQuery("UPDATE relationships SET valid_to = $3, status = CASE WHEN status = 'active' "
                + "THEN 'invalidated' ELSE status END, invalidated_at = coalesce(invalidated_at, now()) "
                + "WHERE id = $1 AND user_id = $2").execute(Tuple.of(id, userId, validTo)).replaceWithVoid();
    }

    /** Puts {@code to} in place of {@code from} at whichever end of each of {@code ids} it is. */
    Uni<Void> moveEnd(SqlClient db, String userId, UUID[] ids, UUID from, UUID to) {
        return db.preparedQuery("UPDATE relationships SET source_id = CASE WHEN source_id = $3 THEN $4 "
                + "ELSE source_id END, target_id = CASE WHEN target_id = $3 THEN $4 ELSE target_id END "
                + "WHERE user_id = $1 AND id = ANY($2)").execute(Tuple.of(userId, ids, from, to)).replaceWithVoid();
    }

    /** Which of the facts {@code ids} are still there. */
    Uni<Set<UUID>> existing(SqlClient db, String userId, UUID[] ids) {
        return db.preparedQuery("SELECT id FROM relationships WHERE user_id = $1 AND id = ANY($2)")
                .execute(Tuple.of(userId, ids)).map(rows -> new HashSet<>(Rows.list(rows, r -> r.getUUID("id"))));
    }

    /** The facts that are not rejected with {@code entityId} at either end, by start of validity, then creation. */
    Uni<List<Stored>> ofEntity(SqlClient db, String userId, UUID entityId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM relationships WHERE user_id = $1 "
                + "AND (source_id = $2 OR target_id = $2) AND status <> 'rejected' "
                + "ORDER BY valid_from NULLS FIRST, created_at")
                .execute(Tuple.of(userId, entityId)).map(rows -> Rows.list(rows, RelationshipRepository::stored));
    }

    /**
     * Opens again the user's edges superseded by a fact whose id is not in {@code evidenced}: the newer fact they
     * gave way to has lost its evidence. An edge that states a profile insight follows its insight instead, which
     * stays superseded: it only forgets the fact that superseded it.
     */
    Uni<Void> reopenSupersededByAllBut(SqlClient db, String userId, Collection<UUID> evidenced) {
        return db.preparedQuery("""
                UPDATE relationships o SET
                    valid_to = CASE WHEN o.insight_id IS NULL THEN NULL ELSE o.valid_to END,
                    status = CASE WHEN o.insight_id IS NULL THEN 'active' ELSE o.status END,
                    invalidated_at = CASE WHEN o.insight_id IS NULL THEN NULL ELSE o.invalidated_at END,
                    superseded_by = NULL
                WHERE o.user_id = $1 AND o.superseded_by IN (
                    SELECT r.id FROM relationships r WHERE r.user_id = $1
                    AND r.id NOT IN (SELECT unnest($2::uuid[])))""")
                .execute(Tuple.of(userId, evidenced.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** Deletes the user's facts whose id is not in {@code evidenced}; answers how many. */
    Uni<Integer> deleteAllBut(SqlClient db, String userId, Collection<UUID> evidenced) {
        return db.preparedQuery("DELETE FROM relationships WHERE user_id = $1 "
                + "AND id NOT IN (SELECT unnest($2::uuid[]))")
                .execute(Tuple.of(userId, evidenced.toArray(UUID[]::new))).map(RowSet::rowCount);
    }

    /** The entities at either end of one of the user's facts. */
    Uni<Set<UUID>> endpoints(SqlClient db, String userId) {
        return db.preparedQuery("SELECT source_id, target_id FROM relationships WHERE user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    Set<UUID> out = new HashSet<>();
                    rows.forEach(r -> {
                        out.add(r.getUUID("source_id"));
                        out.add(r.getUUID("target_id"));
                    });
                    return out;
                });
    }

    /**
     * Sets the status of the user's facts with one of {@code entityIds} at either end that are proposed, active or
     * rejected (a closed fact stays closed).
     */
    Uni<Void> followEndpoints(SqlClient db, String userId, UUID[] entityIds, String status) {
        return db.preparedQuery("UPDATE relationships SET status = $3 WHERE user_id = $1 AND (source_id = ANY($2) "
                + "OR target_id = ANY($2)) AND status IN ('proposed', 'active', 'rejected') AND status <> $3")
                .execute(Tuple.of(userId, entityIds, status)).replaceWithVoid();
    }

    private static Stored stored(Row r) {
        return new Stored(r.getUUID("id"), r.getString("type"), r.getString("fact"), r.getDouble("confidence"),
                r.getString("attributes"), r.getString("status"), r.getLocalDate("valid_from"),
                r.getLocalDate("valid_to"), r.getUUID("superseded_by"), r.getUUID("source_id"),
                r.getUUID("target_id"));
    }
}
