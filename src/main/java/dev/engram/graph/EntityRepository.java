package dev.engram.graph;

import dev.engram.platform.persistence.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The only SQL over {@code entities}: the graph's nodes, named ones found by their key and decision or task nodes by
 * their memory. Every statement is scoped by the owner's user id and takes the caller's client (a pool, or the
 * connection of the caller's transaction). Named entities carry the embedding of {@code type: name}, by which
 * near-duplicates are found.
 */
@ApplicationScoped
class EntityRepository {

    private static final String COLUMNS = "id, type, name, name_key, attributes::text AS attributes, memory_id, "
            + "status, merged_into, mention_count";

    /** An entity as resolution compares it. */
    record Named(UUID id, String name, String nameKey) {
    }

    /** The id an insert answered, and whether the row is new (false: an existing row with the same key). */
    record Upserted(UUID id, boolean inserted) {
    }

    /** An entity as the API shows it, without its aliases; attributes as JSON text. */
    record Stored(UUID id, String type, String name, String nameKey, String attributes, UUID memoryId,
            String status, UUID mergedInto, int mentionCount) {
    }

    /** An active named entity near another: its cosine to it. */
    record Near(UUID id, String name, String nameKey, double cosine) {
    }

    /** Two active entities of one type whose embeddings are close. */
    record Pair(UUID a, UUID b, double cosine) {
    }

    /** The active persons among {@code ids}. */
    Uni<List<Named>> activePersons(SqlClient db, String userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.preparedQuery("SELECT id, name, name_key FROM entities WHERE user_id = $1 AND id = ANY($2) "
                + "AND type = 'person' AND status = 'active'").execute(Tuple.of(userId, ids.toArray(UUID[]::new)))
                .map(rows -> Rows.list(rows, EntityRepository::named));
    }

    /** The active named entities of {@code type} whose key is one of {@code keys}, or whose id is in {@code also}. */
    Uni<List<Named>> activeByKey(SqlClient db, String userId, String type, String[] keys, UUID[] also) {
        return db.preparedQuery("SELECT id, name, name_key FROM entities WHERE user_id = $1 AND type = $2 "
                + "AND status = 'active' AND memory_id IS NULL AND (name_key = ANY($3) OR id = ANY($4))")
                .execute(Tuple.of(userId, type, keys, also)).map(rows -> Rows.list(rows, EntityRepository::named));
    }

    /**
     * The ids of the active named entities of {@code type} whose key is {@code key}, whose id is in {@code also}, or
     * (a person, {@code key} one word) whose first name it is.
     */
    Uni<List<UUID>> activeByKeyOrFirstName(SqlClient db, String userId, String type, String key, UUID[] also) {
        return db.preparedQuery("SELECT id FROM entities WHERE user_id = $1 AND type = $2 AND status = 'active' "
                + "AND memory_id IS NULL AND (name_key = $3 OR id = ANY($4) OR ($2 = 'person' "
                + "AND position(' ' in $3) = 0 AND name_key LIKE $3 || ' %'))")
                .execute(Tuple.of(userId, type, key, also)).map(rows -> Rows.list(rows, r -> r.getUUID("id")));
    }

    /**
     * A page of active or proposed entities, of {@code type} if not null, whose lower-case name is like
     * {@code pattern} or whose id is in {@code also}, after {@code after} (lower-case name, '/', id), by name.
     */
    Uni<List<Stored>> page(SqlClient db, String userId, String type, String pattern, UUID[] also, String after,
            int limit) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM entities WHERE user_id = $1 AND status IN ('active', "
                + "'proposed') AND ($2::text IS NULL OR type = $2) AND (lower(name) LIKE $3 OR id = ANY($4)) "
                + "AND ($5::text IS NULL OR (lower(name) || '/' || id::text) > $5) ORDER BY lower(name), id LIMIT $6")
                .execute(Tuple.tuple(Arrays.asList(userId, type, pattern, also, after, limit)))
                .map(rows -> Rows.list(rows, EntityRepository::stored));
    }

    /** The user's entities among {@code ids}, in no order. */
    Uni<List<Stored>> findAll(SqlClient db, String userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.preparedQuery("SELECT " + COLUMNS + " FROM entities WHERE user_id = $1 AND id = ANY($2)")
                .execute(Tuple.of(userId, ids.toArray(UUID[]::new)))
                .map(rows -> Rows.list(rows, EntityRepository::stored));
    }

    Uni<Optional<Stored>> find(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM entities WHERE user_id = $1 AND id = $2")
                .execute(Tuple.of(userId, id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    /**
     * Inserts an active named entity, or answers the one with the same type and key; {@code attributesJson} only
     * for a new row, {@code embedding} (pgvector text, may be null) also for one that has none.
     */
    Uni<Upserted> upsertNamed(SqlClient db, String userId, String type, String name, String nameKey,
            String attributesJson, String embedding) {
        return db.preparedQuery("INSERT INTO entities (id, user_id, type, name, name_key, attributes, embedding) "
                + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::vector) ON CONFLICT (user_id, type, "
                + "name_key) WHERE status = 'active' AND memory_id IS NULL DO UPDATE SET updated_at = now(), "
                + "embedding = coalesce(entities.embedding, EXCLUDED.embedding) RETURNING id, (xmax = 0) AS inserted")
                .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), userId, type, name, nameKey, attributesJson,
                        embedding)))
                .map(EntityRepository::upserted);
    }

    /** Gives the entity {@code embedding} (pgvector text) unless it has one. */
    Uni<Void> embedIfMissing(SqlClient db, String userId, UUID id, String embedding) {
        return db.preparedQuery("UPDATE entities SET embedding = $3::text::vector WHERE id = $1 AND user_id = $2 "
                + "AND embedding IS NULL").execute(Tuple.of(id, userId, embedding)).replaceWithVoid();
    }

    /** Which of the (type, key) pairs name an active named entity that is embedded already, each as type:key. */
    Uni<Set<String>> embeddedKeys(SqlClient db, String userId, String[] types, String[] keys) {
        return db.preparedQuery("SELECT type, name_key FROM entities WHERE user_id = $1 AND status = 'active' "
                + "AND memory_id IS NULL AND embedding IS NOT NULL AND (type, name_key) IN "
                + "(SELECT * FROM unnest($2::text[], $3::text[]))").execute(Tuple.of(userId, types, keys))
                .map(rows -> new HashSet<>(Rows.list(rows, r -> r.getString("type") + ":" + r.getString("name_key"))));
    }

    /**
     * The active named entities of the type of {@code id}, other than it and {@code exclude}, whose embedding has a
     * cosine of at least {@code min} to its, nearest first.
     */
    Uni<List<Near>> near(SqlClient db, String userId, UUID id, UUID[] exclude, double min, int limit) {
        return db.preparedQuery("""
                SELECT o.id, o.name, o.name_key, 1 - (o.embedding <=> e.embedding) AS cosine
                FROM entities e JOIN entities o ON o.user_id = e.user_id AND o.type = e.type
                WHERE e.user_id = $1 AND e.id = $2 AND e.embedding IS NOT NULL AND o.id <> e.id
                  AND o.status = 'active' AND o.memory_id IS NULL AND o.embedding IS NOT NULL
                  AND NOT (o.id = ANY($3)) AND 1 - (o.embedding <=> e.embedding) >= $4
                ORDER BY o.embedding <=> e.embedding LIMIT $5""")
                .execute(Tuple.of(userId, id, exclude, min, limit))
                .map(rows -> Rows.list(rows, r -> new Near(r.getUUID("id"), r.getString("name"),
                        r.getString("name_key"), r.getDouble("cosine"))));
    }

    /** Pairs of the user's active named entities of one type with a cosine of at least {@code min}, closest first. */
    Uni<List<Pair>> closePairs(SqlClient db, String userId, double min, int limit) {
        return db.preparedQuery("""
                SELECT a.id AS a, b.id AS b, 1 - (a.embedding <=> b.embedding) AS cosine
                FROM entities a JOIN entities b ON b.user_id = a.user_id AND b.type = a.type AND b.id > a.id
                WHERE a.user_id = $1 AND a.status = 'active' AND b.status = 'active'
                  AND a.memory_id IS NULL AND b.memory_id IS NULL
                  AND a.embedding IS NOT NULL AND b.embedding IS NOT NULL
                  AND 1 - (a.embedding <=> b.embedding) >= $2
                ORDER BY a.embedding <=> b.embedding LIMIT $3""")
                .execute(Tuple.of(userId, min, limit))
                .map(rows -> Rows.list(rows, r -> new Pair(r.getUUID("a"), r.getUUID("b"), r.getDouble("cosine"))));
    }

    /** Sets the entity's status; {@code mergedInto} only with {@code merged}, else it is cleared. */
    Uni<Void> setStatus(SqlClient db, String userId, UUID id, String status, UUID mergedInto) {
        return db.preparedQuery("UPDATE entities SET status = $3, merged_into = $4, updated_at = now() "
                + "WHERE id = $1 AND user_id = $2").execute(Tuple.of(id, userId, status, mergedInto))
                .replaceWithVoid();
    }

    /** Adds {@code n} (negative: takes away) mentions: evidence moved to or from the entity. */
    Uni<Void> addMentions(SqlClient db, String userId, UUID id, int n) {
        return db.preparedQuery("UPDATE entities SET mention_count = greatest(0, mention_count + $3) "
                + "WHERE id = $1 AND user_id = $2").execute(Tuple.of(id, userId, n)).replaceWithVoid();
    }

    /** Inserts the node that memory {@code memoryId} is, or answers the one it already has. */
    Uni<Upserted> upsertMemoryNode(SqlClient db, String userId, String type, String name, String nameKey,
            String attributesJson, UUID memoryId, String status) {
        return db.preparedQuery("INSERT INTO entities (id, user_id, type, name, name_key, attributes, memory_id, "
                + "status) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8) ON CONFLICT (user_id, memory_id) "
                + "WHERE memory_id IS NOT NULL DO UPDATE SET updated_at = now() RETURNING id, (xmax = 0) AS inserted")
                .execute(Tuple.tuple(List.of(UUID.randomUUID(), userId, type, name, nameKey, attributesJson, memoryId,
                        status)))
                .map(EntityRepository::upserted);
    }

    /** Adds {@code attributesJson}'s keys to the entity's attributes (new values win). */
    Uni<Void> addAttributes(SqlClient db, String userId, UUID id, String attributesJson) {
        return db.preparedQuery("UPDATE entities SET attributes = attributes || $3::text::jsonb, updated_at = now() "
                + "WHERE id = $1 AND user_id = $2").execute(Tuple.of(id, userId, attributesJson)).replaceWithVoid();
    }

    /** Deletes the user's entities whose id is not in {@code keep}. */
    Uni<Integer> deleteAllBut(SqlClient db, String userId, Collection<UUID> keep) {
        return db.preparedQuery("DELETE FROM entities WHERE user_id = $1 AND id NOT IN (SELECT unnest($2::uuid[]))")
                .execute(Tuple.of(userId, keep.toArray(UUID[]::new))).map(RowSet::rowCount);
    }

    /** A decision or task node: whose, and which memory it is. */
    record MemoryNode(UUID id, String userId, UUID memoryId) {
    }

    /**
     * Sets the status of the user's decision and task nodes that are one of {@code memoryIds} (a merged node stays
     * merged); answers the ids of all of them, changed or not.
     */
    Uni<List<UUID>> followMemories(SqlClient db, String userId, UUID[] memoryIds, String status) {
        return db.preparedQuery("UPDATE entities SET status = $3, updated_at = CASE WHEN status = $3 THEN updated_at "
                + "ELSE now() END WHERE user_id = $1 AND memory_id = ANY($2) AND status IN ('proposed', 'active', "
                + "'rejected') RETURNING id")
                .execute(Tuple.of(userId, memoryIds, status)).map(rows -> Rows.list(rows, r -> r.getUUID("id")));
    }

    /** A page of every user's proposed decision and task nodes after {@code afterId}, by id. */
    Uni<List<MemoryNode>> proposedMemoryNodes(SqlClient db, UUID afterId, int limit) {
        return db.preparedQuery("SELECT id, user_id, memory_id FROM entities WHERE status = 'proposed' "
                + "AND memory_id IS NOT NULL AND id > $1 ORDER BY id LIMIT $2").execute(Tuple.of(afterId, limit))
                .map(rows -> Rows.list(rows, r -> new MemoryNode(r.getUUID("id"), r.getString("user_id"),
                        r.getUUID("memory_id"))));
    }

    private static Named named(Row r) {
        return new Named(r.getUUID("id"), r.getString("name"), r.getString("name_key"));
    }

    private static Stored stored(Row r) {
        return new Stored(r.getUUID("id"), r.getString("type"), r.getString("name"), r.getString("name_key"),
                r.getString("attributes"), r.getUUID("memory_id"), r.getString("status"), r.getUUID("merged_into"),
                r.getInteger("mention_count"));
    }

    private static Upserted upserted(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        return new Upserted(row.getUUID("id"), Boolean.TRUE.equals(row.getBoolean("inserted")));
    }
}
