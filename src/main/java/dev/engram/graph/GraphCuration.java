package dev.engram.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.platform.errors.Conflict;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A person's corrections to their graph: a fact confirmed, rejected or ended; an entity rejected, merged into another
 * or a merge undone; and the pairs of entities worth merging. Each change runs in one transaction under the user's
 * {@link GraphLock}; another user's ids answer 404 like missing ones.
 */
@ApplicationScoped
class GraphCuration {

    private static final int CANDIDATES = 50;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final GraphReader reader;
    private final EntityMerger merger;
    private final EntityRepository entityRows;
    private final RelationshipRepository relationshipRows;
    private final EntityMergeRepository mergeRows;

    GraphCuration(Pool pool, ReactiveBridge bridge, GraphReader reader, EntityMerger merger,
            EntityRepository entityRows, RelationshipRepository relationshipRows, EntityMergeRepository mergeRows) {
        this.pool = pool;
        this.bridge = bridge;
        this.reader = reader;
        this.merger = merger;
        this.entityRows = entityRows;
        this.relationshipRows = relationshipRows;
        this.mergeRows = mergeRows;
    }

    /** A fact with both its ends and its evidence. */
    public record RelationshipView(UUID id, String type, GraphReader.EntityView source, GraphReader.EntityView target,
            String fact, double confidence, Map<String, Object> attributes, String status, LocalDate validFrom,
            LocalDate validTo, UUID supersededBy, List<GraphReader.EvidenceView> evidence) {
    }

    /** A merge: who survived, who was merged, how, and what moved. */
    public record MergeView(UUID id, GraphReader.EntityView survivor, GraphReader.EntityView merged, String method,
            Double score, EntityMerger.Moved moved, OffsetDateTime createdAt, OffsetDateTime undoneAt) {
    }

    /** Two entities that might be one, with the cosine of their embeddings. */
    public record Candidate(GraphReader.EntityView a, GraphReader.EntityView b, double score) {
    }

    /** The suggested merges, closest first. */
    public record Candidates(List<Candidate> candidates) {
    }

    public RelationshipView relationship(String userId, UUID id) {
        RelationshipRepository.Stored r = bridge.await(() -> relationshipRows.find(pool, userId, id))
                .orElseThrow(() -> new NotFound("relationship " + id));
        Map<UUID, GraphReader.EntityView> ends = reader.entities(userId, List.of(r.sourceId(), r.targetId()));
        return new RelationshipView(r.id(), r.type(), ends.get(r.sourceId()), ends.get(r.targetId()), r.fact(),
                r.confidence(), GraphReader.GraphJson.map(r.attributes()), r.status(), r.validFrom(), r.validTo(),
                r.supersededBy(), reader.evidence(userId, r.id()));
    }

    /** The fact holds: active (invalidated when it has ended). */
    public RelationshipView confirm(String userId, UUID id) {
        return changeFact(userId, id, (conn, r) -> relationshipRows.setStatuses(conn, userId, new UUID[] {id},
                new String[] {r.validTo() == null ? "active" : "invalidated"}));
    }

    /** The fact is wrong: rejected, no longer shown or traversed, and no longer a fact new ones are placed among. */
    public RelationshipView reject(String userId, UUID id) {
        return changeFact(userId, id, (conn, r) -> relationshipRows.setStatuses(conn, userId, new UUID[] {id},
                new String[] {"rejected"}));
    }

    /** Ends the fact at {@code body.valid_to}, a date not before it began. */
    public RelationshipView update(String userId, UUID id, JsonNode body) {
        JsonNode field = body == null ? null : body.get("valid_to");
        if (field == null || !field.isTextual()) {
            throw Invalid.field("valid_to", "required, a date as YYYY-MM-DD");
        }
        LocalDate validTo;
        try {
            validTo = LocalDate.parse(field.asText().strip());
        } catch (DateTimeParseException e) {
            throw Invalid.field("valid_to", "must be a date as YYYY-MM-DD");
        }
        return changeFact(userId, id, (conn, r) -> {
            if (r.validFrom() != null && validTo.isBefore(r.validFrom())) {
                throw Invalid.field("valid_to", "must not be before valid_from " + r.validFrom());
            }
            return relationshipRows.endAt(conn, userId, id, validTo);
        });
    }

    /** Applies {@code change} to the caller's fact {@code id} under the graph's lock; answers the fact after. */
    private RelationshipView changeFact(String userId, UUID id,
            BiFunction<SqlConnection, RelationshipRepository.Stored, Uni<Void>> change) {
        bridge.await(() -> pool.withTransaction(conn -> GraphLock.take(conn, userId)
                .chain(() -> relationshipRows.find(conn, userId, id)).chain(found -> change.apply(conn, found
                        .orElseThrow(() -> new NotFound("relationship " + id))))));
        return relationship(userId, id);
    }

    /** The entity is wrong: rejected, and its facts are no longer shown or traversed. */
    public GraphReader.EntityView rejectEntity(String userId, UUID id) {
        bridge.await(() -> pool.withTransaction(conn -> GraphLock.take(conn, userId)
                .chain(() -> entityRows.find(conn, userId, id)).chain(found -> {
                    EntityRepository.Stored e = found.orElseThrow(() -> new NotFound("entity " + id));
                    if (e.status().equals("merged")) {
                        throw new Conflict("entity " + id + " is merged into " + e.mergedInto());
                    }
                    return entityRows.setStatus(conn, userId, id, "rejected", null);
                })));
        return reader.entity(userId, id);
    }

    /** Merges entity {@code id} into {@code body.into}, of the same type; see {@link EntityMerger}. */
    public MergeView merge(String userId, UUID id, JsonNode body) {
        UUID into = intoOf(body);
        if (into.equals(id)) {
            throw Invalid.field("into", "must be another entity than the one merged");
        }
        UUID mergeId = bridge.await(() -> pool.withTransaction(conn -> GraphLock.take(conn, userId)
                .chain(() -> entityRows.findAll(conn, userId, List.of(id, into))).chain(rows -> {
                    EntityRepository.Stored loser = rows.stream().filter(r -> r.id().equals(id)).findFirst()
                            .orElseThrow(() -> new NotFound("entity " + id));
                    EntityRepository.Stored survivor = rows.stream().filter(r -> r.id().equals(into)).findFirst()
                            .orElseThrow(() -> new NotFound("entity " + into));
                    if (!loser.type().equals(survivor.type())) {
                        throw Invalid.field("into", "must be an entity of the same type (" + loser.type() + "), not "
                                + survivor.type());
                    }
                    checkMergeable(loser, "entity " + id);
                    checkMergeable(survivor, "into " + into);
                    return merger.merge(conn, userId, loser, survivor, "manual", null);
                }).map(EntityMergeRepository.Merge::id)));
        return merge(userId, mergeId);
    }

    /** Puts back what merge {@code id} moved; the pair never merges automatically again. */
    public MergeView undo(String userId, UUID id) {
        bridge.await(() -> pool.withTransaction(conn -> GraphLock.take(conn, userId)
                .chain(() -> mergeRows.find(conn, userId, id)).chain(found -> {
                    EntityMergeRepository.Merge m = found.orElseThrow(() -> new NotFound("merge " + id));
                    if (m.undoneAt() != null) {
                        throw new Conflict("merge " + id + " is undone already");
                    }
                    if (m.mergedId() == null || m.survivorId() == null) {
                        throw new Conflict("merge " + id + " cannot be undone: nothing is left to restore (a purge "
                                + "removed what it moved)");
                    }
                    return entityRows.findAll(conn, userId, List.of(m.survivorId(), m.mergedId()))
                            .chain(rows -> checkUndoable(conn, userId, m, rows));
                })));
        return merge(userId, id);
    }

    private Uni<Void> checkUndoable(SqlConnection conn, String userId, EntityMergeRepository.Merge m,
            List<EntityRepository.Stored> rows) {
        boolean merged = rows.stream().anyMatch(r -> r.id().equals(m.mergedId()) && r.status().equals("merged")
                && m.survivorId().equals(r.mergedInto()));
        boolean survivorLive = rows.stream().anyMatch(r -> r.id().equals(m.survivorId())
                && (r.status().equals("active") || r.status().equals("proposed")));
        if (!merged || !survivorLive) {
            throw new Conflict("merge " + m.id() + " cannot be undone: the survivor has since been merged or "
                    + "rejected; undo or change that first");
        }
        return merger.undo(conn, userId, m);
    }

    private MergeView merge(String userId, UUID id) {
        EntityMergeRepository.Merge m = bridge.await(() -> mergeRows.find(pool, userId, id))
                .orElseThrow(() -> new NotFound("merge " + id));
        Map<UUID, GraphReader.EntityView> ends = reader.entities(userId, List.of(m.survivorId(), m.mergedId()));
        return new MergeView(m.id(), ends.get(m.survivorId()), ends.get(m.mergedId()), m.method(), m.score(),
                merger.read(m.moved()), m.createdAt(), m.undoneAt());
    }

    /**
     * Pairs of active entities of one type whose embeddings have a cosine of at least
     * {@value EntityResolver#SUGGEST_COSINE} and that no rule merged, but for the pairs an undo split; computed on
     * read.
     */
    public Candidates mergeCandidates(String userId) {
        Set<String> blocked = bridge.await(() -> mergeRows.blockedPairs(pool, userId));
        List<EntityRepository.Pair> pairs = bridge.await(() -> entityRows.closePairs(pool, userId,
                EntityResolver.SUGGEST_COSINE, CANDIDATES + blocked.size())).stream()
                .filter(p -> !blocked.contains(EntityMergeRepository.pair(p.a(), p.b()))).limit(CANDIDATES).toList();
        Set<UUID> ids = new HashSet<>();
        pairs.forEach(p -> {
            ids.add(p.a());
            ids.add(p.b());
        });
        Map<UUID, GraphReader.EntityView> views = reader.entities(userId, ids);
        List<Candidate> out = new ArrayList<>();
        pairs.forEach(p -> out.add(new Candidate(views.get(p.a()), views.get(p.b()), p.cosine())));
        return new Candidates(out);
    }

    private static void checkMergeable(EntityRepository.Stored e, String what) {
        if (e.status().equals("merged") || e.status().equals("rejected")) {
            throw new Conflict(what + " is " + e.status());
        }
    }

    private static UUID intoOf(JsonNode body) {
        JsonNode into = body == null ? null : body.get("into");
        if (into == null || !into.isTextual()) {
            throw Invalid.field("into", "required, the id of the entity to merge into");
        }
        try {
            return UUID.fromString(into.asText().strip());
        } catch (IllegalArgumentException e) {
            throw Invalid.field("into", "must be an entity id");
        }
    }
}
