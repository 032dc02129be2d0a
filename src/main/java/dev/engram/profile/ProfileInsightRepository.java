package dev.engram.profile;

import dev.engram.platform.persistence.PgVectors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code profile_insights} table's only owner; every statement is scoped by the owner's user id. */
@ApplicationScoped
class ProfileInsightRepository {

    /** Insights that still count: shown (active) or waiting for their owner (needs_review). */
    private static final String CURRENT = "status IN ('active', 'needs_review')";
    private static final String COLUMNS = "id, category, subcategory, trait, trait_key, confidence, status, source, "
            + "valid_from, valid_to, superseded_by";

    /** Whether one of {@code ids} is a rejected insight of this category and key. */
    Uni<Boolean> anyRejected(SqlClient db, String userId, String category, String traitKey, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return db.preparedQuery("SELECT EXISTS (SELECT 1 FROM profile_insights WHERE user_id = $1 "
                + "AND status = 'rejected' AND category = $2 AND trait_key = $3 AND id = ANY($4)) AS rejected")
                .execute(Tuple.of(userId, category, traitKey, ids.toArray(UUID[]::new)))
                .map(rows -> rows.iterator().next().getBoolean("rejected"));
    }

    /**
     * The current insight a trait merges into: same category and key, or (outside single-valued subcategories,
     * where another value is a change, not a rephrasing) an embedding at cosine {@code minCosine} or more.
     */
    Uni<Optional<UUID>> match(SqlClient db, String userId, String category, String traitKey, float[] embedding,
            boolean byMeaning, double minCosine) {
        return db.preparedQuery("SELECT id FROM profile_insights WHERE user_id = $1 AND category = $2 AND "
                + CURRENT + " AND (trait_key = $3 OR ($5 AND embedding IS NOT NULL "
                + "AND 1 - (embedding <=> $4::text::vector) >= $6)) "
                + "ORDER BY (trait_key = $3) DESC, embedding <=> $4::text::vector LIMIT 1")
                .execute(Tuple.tuple(Arrays.asList(userId, category, traitKey, PgVectors.literal(embedding),
                        byMeaning, minCosine)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
    }

    /** More evidence for an insight: it keeps the higher confidence. */
    Uni<Void> raise(SqlClient db, String userId, UUID id, double confidence) {
        return db.preparedQuery("UPDATE profile_insights SET confidence = greatest(confidence, $3), "
                + "updated_at = now() WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId, (float) confidence)).replaceWithVoid();
    }

    Uni<Void> insert(SqlClient db, String userId, UUID id, ProfileTrait t, float[] embedding,
            OffsetDateTime validFrom, String source) {
        return db.preparedQuery("INSERT INTO profile_insights (id, user_id, category, subcategory, trait, trait_key, "
                + "confidence, embedding, valid_from, source) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::vector, $9, $10)")
                .execute(Tuple.tuple(Arrays.asList(id, userId, t.category(), t.subcategory(), t.trait(),
                        t.traitKey(), (float) t.confidence(), PgVectors.literal(embedding), validFrom, source)))
                .replaceWithVoid();
    }

    /** Which of {@code ids} are the user's current insights. */
    Uni<List<UUID>> current(SqlClient db, String userId, List<UUID> ids) {
        return db.preparedQuery("SELECT id FROM profile_insights WHERE user_id = $1 AND id = ANY($2) AND " + CURRENT
                + " ORDER BY id")
                .execute(Tuple.of(userId, ids.toArray(UUID[]::new)))
                .map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getUUID("id")));
                    return out;
                });
    }

    /**
     * Moves an insight's confidence by {@code delta}: up to 0.95 at most (never down for a raise), down to 0; an
     * active insight that falls under {@code reviewBelow} waits for its owner's review (0.8 - 0.2 in {@code real}
     * arithmetic is a hair under 0.6, which is not under it).
     */
    Uni<Void> adjust(SqlClient db, String userId, UUID id, double delta, double reviewBelow) {
        String moved = "(CASE WHEN $3::real > 0 THEN greatest(confidence, least(0.95, confidence + $3::real)) "
                + "ELSE greatest(0, confidence + $3::real) END)";
        return db.preparedQuery("UPDATE profile_insights SET confidence = " + moved + ", status = CASE WHEN "
                + "status = 'active' AND " + moved + " < $4::real - 0.0001 THEN 'needs_review' ELSE status END, updated_at = now() "
                + "WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId, (float) delta, (float) reviewBelow)).replaceWithVoid();
    }

    /**
     * The current insights a new one contradicts: a like against a dislike of the same thing (either way), or
     * another value of a single-valued subcategory of the same category.
     */
    Uni<List<UUID>> contradicted(SqlClient db, String userId, UUID newId, ProfileTrait t, boolean singleValued) {
        return db.preparedQuery("SELECT id FROM profile_insights WHERE user_id = $1 AND id <> $2 AND " + CURRENT
                + " AND ((trait_key = $3 AND category IN ('preference', 'interest', 'dislike') "
                + "AND $4 IN ('preference', 'interest', 'dislike') AND (category = 'dislike') <> ($4 = 'dislike')) "
                + "OR ($6 AND category = $4 AND subcategory = $5 AND trait_key <> $3))")
                .execute(Tuple.tuple(Arrays.asList(userId, newId, t.traitKey(), t.category(), t.subcategory(),
                        singleValued)))
                .map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getUUID("id")));
                    return out;
                });
    }

    /** The older insights stop holding at {@code until}; they stay in the history. */
    Uni<Void> supersede(SqlClient db, String userId, List<UUID> ids, UUID by, OffsetDateTime until) {
        return db.preparedQuery("UPDATE profile_insights SET status = 'superseded', valid_to = $4, "
                + "superseded_by = $3, updated_at = now() WHERE user_id = $1 AND id = ANY($2)")
                .execute(Tuple.of(userId, ids.toArray(UUID[]::new), by, until)).replaceWithVoid();
    }

    /**
     * The user's insights, by category then confidence: active ones at {@code minConfidence} or more, and with
     * {@code history} the superseded ones as well.
     */
    Uni<List<ProfileInsight>> list(SqlClient db, String userId, String category, double minConfidence,
            boolean history) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM profile_insights WHERE user_id = $1 "
                + "AND ($2::text IS NULL OR category = $2) AND ((status = 'active' AND confidence >= $3) "
                + "OR ($4 AND status = 'superseded')) ORDER BY category, status, confidence DESC, valid_from DESC")
                .execute(Tuple.tuple(Arrays.asList(userId, category, (float) minConfidence, history)))
                .map(this::all);
    }

    /** The user's insights that are not rejected (current and superseded), oldest first. */
    Uni<List<ProfileInsight>> standing(SqlClient db, String userId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM profile_insights WHERE user_id = $1 "
                + "AND status <> 'rejected' ORDER BY valid_from, id").execute(Tuple.of(userId)).map(this::all);
    }

    /** The users who have insights that are not rejected. */
    Uni<List<String>> owners(SqlClient db) {
        return db.preparedQuery("SELECT DISTINCT user_id FROM profile_insights WHERE status <> 'rejected' "
                + "ORDER BY user_id").execute().map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString("user_id")));
                    return out;
                });
    }

    Uni<Optional<ProfileInsight>> find(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM profile_insights WHERE id = $1 AND user_id = $2 "
                + "AND status <> 'rejected'")
                .execute(Tuple.of(id, userId)).map(rows -> all(rows).stream().findFirst());
    }

    /** Its owner's correction: their words replace the inferred ones, and it holds as they say. */
    Uni<Optional<ProfileInsight>> correct(SqlClient db, String userId, UUID id, ProfileTrait t, float[] embedding) {
        return db.preparedQuery("UPDATE profile_insights SET category = $3, subcategory = $4, trait = $5, "
                + "trait_key = $6, confidence = $7, embedding = $8::text::vector, source = 'manual', "
                + "status = 'active', valid_to = NULL, superseded_by = NULL, updated_at = now() "
                + "WHERE id = $1 AND user_id = $2 AND status <> 'rejected' RETURNING " + COLUMNS)
                .execute(Tuple.tuple(Arrays.asList(id, userId, t.category(), t.subcategory(), t.trait(),
                        t.traitKey(), (float) t.confidence(), PgVectors.literal(embedding))))
                .map(rows -> all(rows).stream().findFirst());
    }

    /** Its owner says it is wrong: hidden for good, and not read again from the same evidence. */
    Uni<Boolean> reject(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("UPDATE profile_insights SET status = 'rejected', valid_to = coalesce(valid_to, "
                + "now()), updated_at = now() WHERE id = $1 AND user_id = $2 AND status <> 'rejected'")
                .execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() == 1);
    }

    /** Deletes the inferred (not manual) insights among {@code ids}; answers how many. */
    Uni<Integer> deleteInferred(SqlClient db, String userId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return db.preparedQuery("DELETE FROM profile_insights WHERE user_id = $1 AND source <> 'manual' "
                + "AND id = ANY($2)").execute(Tuple.of(userId, ids.toArray(UUID[]::new))).map(RowSet::rowCount);
    }

    private List<ProfileInsight> all(RowSet<Row> rows) {
        List<ProfileInsight> out = new ArrayList<>();
        rows.forEach(r -> out.add(new ProfileInsight(r.getUUID("id"), r.getString("category"),
                r.getString("subcategory"), r.getString("trait"), r.getString("trait_key"),
                Math.round(((Number) r.getValue("confidence")).doubleValue() * 100) / 100.0, r.getString("status"),
                r.getString("source"), r.getOffsetDateTime("valid_from"), r.getOffsetDateTime("valid_to"),
                r.getUUID("superseded_by"), List.of())));
        return out;
    }
}
