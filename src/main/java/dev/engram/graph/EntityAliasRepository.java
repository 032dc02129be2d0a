package dev.engram.graph;

import dev.engram.platform.persistence.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The only SQL over {@code entity_aliases}: the other names an entity goes by, each with its key. Every statement
 * takes the caller's client (a pool, or the connection of the caller's transaction).
 */
@ApplicationScoped
class EntityAliasRepository {

    /** An alias as written, and its key. */
    record Alias(String name, String key) {
    }

    /**
     * Keeps {@code alias} as another name of the entity; an alias it (or another entity of the type) already has
     * changes nothing. Answers whether it was added.
     */
    Uni<Boolean> add(SqlClient db, String userId, UUID entityId, String type, String alias, String aliasKey) {
        return db.preparedQuery("INSERT INTO entity_aliases (entity_id, user_id, type, alias, alias_key) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(entityId, userId, type, alias, aliasKey)).map(rows -> rows.rowCount() > 0);
    }

    /** Moves the aliases of {@code from} whose key is in {@code keys} (all when null) to {@code to}; their keys. */
    Uni<List<String>> move(SqlClient db, String userId, UUID from, UUID to, String[] keys) {
        return db.preparedQuery("UPDATE entity_aliases SET entity_id = $3 WHERE user_id = $1 AND entity_id = $2 "
                + "AND ($4::text[] IS NULL OR alias_key = ANY($4)) RETURNING alias_key")
                .execute(Tuple.tuple(Arrays.asList(userId, from, to, keys))).map(rows -> Rows.list(rows, r -> r.getString("alias_key")));
    }

    /** Removes the entity's alias with key {@code aliasKey}. */
    Uni<Void> remove(SqlClient db, String userId, UUID entityId, String aliasKey) {
        return db.preparedQuery("DELETE FROM entity_aliases WHERE user_id = $1 AND entity_id = $2 "
                + "AND alias_key = $3").execute(Tuple.of(userId, entityId, aliasKey)).replaceWithVoid();
    }

    /** The user's entities of {@code type} with an alias whose key is one of {@code keys}. */
    Uni<UUID[]> entitiesWithKey(SqlClient db, String userId, String type, String[] keys) {
        return db.preparedQuery("SELECT DISTINCT entity_id FROM entity_aliases WHERE user_id = $1 AND type = $2 "
                + "AND alias_key = ANY($3)").execute(Tuple.of(userId, type, keys))
                .map(rows -> Rows.list(rows, r -> r.getUUID("entity_id")).toArray(UUID[]::new));
    }

    /** The user's entities with an alias whose lower-case form is like {@code pattern}. */
    Uni<UUID[]> entitiesLike(SqlClient db, String userId, String pattern) {
        return db.preparedQuery("SELECT DISTINCT entity_id FROM entity_aliases WHERE user_id = $1 "
                + "AND lower(alias) LIKE $2").execute(Tuple.of(userId, pattern))
                .map(rows -> Rows.list(rows, r -> r.getUUID("entity_id")).toArray(UUID[]::new));
    }

    /** The aliases of each of {@code entityIds} (an entity without any is absent). */
    Uni<Map<UUID, List<Alias>>> of(SqlClient db, List<UUID> entityIds) {
        if (entityIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("SELECT entity_id, alias, alias_key FROM entity_aliases WHERE entity_id = ANY($1)")
                .execute(Tuple.of(entityIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<Alias>> out = new HashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getUUID("entity_id"), k -> new ArrayList<>())
                            .add(new Alias(r.getString("alias"), r.getString("alias_key"))));
                    return out;
                });
    }
}
