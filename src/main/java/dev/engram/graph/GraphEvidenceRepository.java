package dev.engram.graph;

import dev.engram.platform.persistence.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The only SQL over {@code graph_evidence}: what a fact or an entity rests on, a span of a job's chunk or a memory.
 * Every statement is scoped by the owner's user id and takes the caller's client (a pool, or the connection of the
 * caller's transaction).
 */
@ApplicationScoped
class GraphEvidenceRepository {

    /**
     * A span of a job's chunk; {@code memoryId} for an entity that is that memory, {@code messageId} for a span of a
     * chat message.
     */
    record Span(String jobId, int chunkIndex, int charStart, int charEnd, String snippet, UUID memoryId,
            UUID messageId) {
    }

    /** The ids of the user's facts and entities that have evidence. */
    record Evidenced(Set<UUID> relationships, Set<UUID> entities) {
    }

    /** The entities with evidence from job {@code jobId}. */
    Uni<List<UUID>> entitiesOfJob(SqlClient db, String userId, String jobId) {
        return db.preparedQuery("SELECT DISTINCT entity_id FROM graph_evidence WHERE user_id = $1 AND job_id = $2 "
                + "AND entity_id IS NOT NULL").execute(Tuple.of(userId, jobId))
                .map(rows -> Rows.list(rows, r -> r.getUUID("entity_id")));
    }

    /** Adds an entity's evidence; false when it has this span already. */
    Uni<Boolean> addOfEntity(SqlClient db, String userId, UUID entityId, Span s) {
        return db.preparedQuery("INSERT INTO graph_evidence (id, user_id, entity_id, job_id, chunk_index, "
                + "char_start, char_end, snippet, memory_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                + "ON CONFLICT DO NOTHING RETURNING id")
                .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), userId, entityId, s.jobId(), s.chunkIndex(),
                        s.charStart(), s.charEnd(), s.snippet(), s.memoryId())))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Adds a fact's evidence; answers 0 when it has this span already, else 1. */
    Uni<Integer> addOfRelationship(SqlClient db, String userId, UUID relationshipId, Span s) {
        return db.preparedQuery("INSERT INTO graph_evidence (id, user_id, relationship_id, job_id, chunk_index, "
                + "char_start, char_end, snippet, message_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                + "ON CONFLICT DO NOTHING")
                .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), userId, relationshipId, s.jobId(),
                        s.chunkIndex(), s.charStart(), s.charEnd(), s.snippet(), s.messageId())))
                .map(RowSet::rowCount);
    }

    /** The first {@code limit} pieces of a fact's evidence, oldest first. */
    Uni<List<Span>> ofRelationship(SqlClient db, String userId, UUID relationshipId, int limit) {
        return spans(db, "relationship_id", userId, relationshipId, limit);
    }

    /** The first {@code limit} pieces of an entity's evidence, oldest first. */
    Uni<List<Span>> ofEntity(SqlClient db, String userId, UUID entityId, int limit) {
        return spans(db, "entity_id", userId, entityId, limit);
    }

    private static Uni<List<Span>> spans(SqlClient db, String column, String userId, UUID id, int limit) {
        return db.preparedQuery("SELECT job_id, chunk_index, char_start, char_end, snippet, memory_id, message_id "
                + "FROM graph_evidence WHERE user_id = $1 AND " + column + " = $2 ORDER BY created_at LIMIT " + limit)
                .execute(Tuple.of(userId, id))
                .map(rows -> Rows.list(rows, r -> new Span(r.getString("job_id"), r.getInteger("chunk_index"),
                        r.getInteger("char_start"), r.getInteger("char_end"), r.getString("snippet"),
                        r.getUUID("memory_id"), r.getUUID("message_id"))));
    }

    /**
     * Moves an entity's evidence to another, but for the spans the other has already; answers the ids of what moved.
     */
    Uni<List<UUID>> moveOfEntity(SqlClient db, String userId, UUID from, UUID to) {
        return move(db, "entity_id", userId, from, to);
    }

    /** Moves a fact's evidence to another, but for the spans the other has already; answers the ids of what moved. */
    Uni<List<UUID>> moveOfRelationship(SqlClient db, String userId, UUID from, UUID to) {
        return move(db, "relationship_id", userId, from, to);
    }

    private static Uni<List<UUID>> move(SqlClient db, String column, String userId, UUID from, UUID to) {
        return db.preparedQuery("UPDATE graph_evidence g SET " + column + " = $3 WHERE g.user_id = $1 AND g."
                + column + " = $2 AND NOT EXISTS (SELECT 1 FROM graph_evidence o WHERE o." + column + " = $3 "
                + "AND o.job_id = g.job_id AND o.chunk_index = g.chunk_index AND o.char_start = g.char_start) "
                + "RETURNING g.id").execute(Tuple.of(userId, from, to))
                .map(rows -> Rows.list(rows, r -> r.getUUID("id")));
    }

    /** Gives those of the evidence {@code ids} that are left back to entity {@code entityId}; answers how many. */
    Uni<Integer> returnToEntity(SqlClient db, String userId, UUID[] ids, UUID entityId) {
        return db.preparedQuery("UPDATE graph_evidence SET entity_id = $3 WHERE user_id = $1 AND id = ANY($2)")
                .execute(Tuple.of(userId, ids, entityId)).map(RowSet::rowCount);
    }

    /** Which of the evidence {@code ids} are still there. */
    Uni<Set<UUID>> existing(SqlClient db, String userId, UUID[] ids) {
        return db.preparedQuery("SELECT id FROM graph_evidence WHERE user_id = $1 AND id = ANY($2)")
                .execute(Tuple.of(userId, ids)).map(rows -> new HashSet<>(Rows.list(rows, r -> r.getUUID("id"))));
    }

    /** Gives each of the evidence {@code ids} back to the fact at the same place in {@code relationshipIds}. */
    Uni<Void> returnToRelationships(SqlClient db, String userId, UUID[] ids, UUID[] relationshipIds) {
        return db.preparedQuery("UPDATE graph_evidence g SET relationship_id = m.rel FROM unnest($2::uuid[], "
                + "$3::uuid[]) AS m(id, rel) WHERE g.user_id = $1 AND g.id = m.id")
                .execute(Tuple.of(userId, ids, relationshipIds)).replaceWithVoid();
    }

    /** Deletes the evidence job {@code jobId} gave. */
    Uni<Void> deleteOfJob(SqlClient db, String userId, String jobId) {
        return db.preparedQuery("DELETE FROM graph_evidence WHERE user_id = $1 AND job_id = $2")
                .execute(Tuple.of(userId, jobId)).replaceWithVoid();
    }

    /** The user's facts and entities that still have evidence. */
    Uni<Evidenced> evidenced(SqlClient db, String userId) {
        return db.preparedQuery("SELECT DISTINCT relationship_id, entity_id FROM graph_evidence WHERE user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    Set<UUID> relationships = new HashSet<>();
                    Set<UUID> entities = new HashSet<>();
                    rows.forEach(r -> {
                        if (r.getUUID("relationship_id") != null) {
                            relationships.add(r.getUUID("relationship_id"));
                        }
                        if (r.getUUID("entity_id") != null) {
                            entities.add(r.getUUID("entity_id"));
                        }
                    });
                    return new Evidenced(relationships, entities);
                });
    }

    /** Names the chat message that chunk {@code chunkIndex} of job {@code jobId} is on that chunk's evidence. */
    Uni<Void> nameMessage(SqlClient db, String userId, String jobId, int chunkIndex, UUID messageId) {
        return db.preparedQuery("UPDATE graph_evidence SET message_id = $4 WHERE user_id = $1 AND job_id = $2 "
                + "AND chunk_index = $3 AND message_id IS DISTINCT FROM $4")
                .execute(Tuple.of(userId, jobId, chunkIndex, messageId)).replaceWithVoid();
    }
}
