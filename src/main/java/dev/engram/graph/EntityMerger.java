package dev.engram.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Merges one entity into another and undoes it, on the caller's transaction under the user's {@link GraphLock}; the
 * writer's automatic merges and the curation API's manual ones are the same. A merge moves the loser's aliases,
 * evidence and edges to the survivor, keeps the loser's name as an alias, marks the loser {@code merged} and records
 * exactly what moved in {@code entity_merges}. An edge of the loser that the survivor has already (same type, other
 * end and direction, overlapping validity) gives its evidence to that edge and is set aside (rejected), as is an edge
 * between the two; the undo restores each of these from the record.
 */
@ApplicationScoped
class EntityMerger {

    private final ObjectMapper json;
    private final EntityRepository entityRows;
    private final EntityAliasRepository aliasRows;
    private final RelationshipRepository relationshipRows;
    private final GraphEvidenceRepository evidenceRows;
    private final EntityMergeRepository mergeRows;

    EntityMerger(ObjectMapper json, EntityRepository entityRows, EntityAliasRepository aliasRows,
            RelationshipRepository relationshipRows, GraphEvidenceRepository evidenceRows,
            EntityMergeRepository mergeRows) {
        this.json = json;
        this.entityRows = entityRows;
        this.aliasRows = aliasRows;
        this.relationshipRows = relationshipRows;
        this.evidenceRows = evidenceRows;
        this.mergeRows = mergeRows;
    }

    /** An edge set aside by a merge, with the status it had. */
    record EdgeState(UUID id, String status) {
    }

    /** A piece of a fact's evidence that moved, and the fact it came from. */
    record EvidenceFrom(UUID id, UUID relationshipId) {
    }

    /**
     * What a merge moved: the loser's status before, its aliases' keys, the key of its name added as the survivor's
     * alias (null when the survivor had it), its evidence, its edges now on the survivor, the edges set aside and the
     * evidence they gave to the survivor's edges.
     */
    record Moved(String status, List<String> aliases, String addedAlias, List<UUID> evidence, List<UUID> edges,
            List<EdgeState> setAside, List<EvidenceFrom> edgeEvidence) {
    }

    /** Merges {@code loser} into {@code survivor} (both the user's, of one type); answers the recorded merge. */
    Uni<EntityMergeRepository.Merge> merge(SqlConnection conn, String user, EntityRepository.Stored loser,
            EntityRepository.Stored survivor, String method, Double score) {
        UUID l = loser.id();
        UUID s = survivor.id();
        List<UUID> edges = new ArrayList<>();
        List<EdgeState> setAside = new ArrayList<>();
        List<EvidenceFrom> edgeEvidence = new ArrayList<>();
        return relationshipRows.ofEntity(conn, user, s).chain(kept -> relationshipRows.ofEntity(conn, user, l)
                .chain(own -> {
                    Uni<Void> steps = Uni.createFrom().voidItem();
                    for (RelationshipRepository.Stored e : own) {
                        UUID other = e.sourceId().equals(l) ? e.targetId() : e.sourceId();
                        RelationshipRepository.Stored same = other.equals(s) ? null : kept.stream()
                                .filter(k -> k.type().equals(e.type()) && sameDirection(k, e, s, l)
                                        && overlap(k.validFrom(), k.validTo(), e.validFrom(), e.validTo()))
                                .findFirst().orElse(null);
                        if (other.equals(s) || same != null) {
                            setAside.add(new EdgeState(e.id(), e.status()));
                        } else {
                            edges.add(e.id());
                        }
                        if (same != null) {
                            steps = steps.chain(() -> evidenceRows.moveOfRelationship(conn, user, e.id(), same.id())
                                    .invoke(ids -> ids.forEach(id -> edgeEvidence.add(new EvidenceFrom(id, e.id()))))
                                    .replaceWithVoid());
                        }
                    }
                    return steps;
                }))
                .chain(() -> relationshipRows.moveEnd(conn, user, edges.toArray(UUID[]::new), l, s))
                .chain(() -> relationshipRows.setStatuses(conn, user, setAside.stream().map(EdgeState::id)
                        .toArray(UUID[]::new), setAside.stream().map(x -> "rejected").toArray(String[]::new)))
                .chain(() -> evidenceRows.moveOfEntity(conn, user, l, s))
                .chain(evidence -> entityRows.addMentions(conn, user, s, evidence.size())
                        .chain(() -> aliasRows.move(conn, user, l, s, null))
                        .chain(aliases -> addName(conn, user, loser, survivor)
                                .map(added -> new Moved(loser.status(), aliases, added, evidence, edges, setAside,
                                        edgeEvidence))))
                .chain(moved -> {
                    var merge = new EntityMergeRepository.Merge(UUID.randomUUID(), s, l, method, score,
                            write(moved), null, null);
                    return entityRows.setStatus(conn, user, l, "merged", s)
                            .chain(() -> mergeRows.insert(conn, user, merge)).map(ignored -> merge);
                });
    }

    /** The loser's name as the survivor's alias; answers its key when added, else null. */
    private Uni<String> addName(SqlConnection conn, String user, EntityRepository.Stored loser,
            EntityRepository.Stored survivor) {
        if (loser.nameKey().isEmpty() || loser.nameKey().equals(survivor.nameKey())) {
            return Uni.createFrom().nullItem();
        }
        return aliasRows.add(conn, user, survivor.id(), survivor.type(), loser.name(), loser.nameKey())
                .map(added -> added ? loser.nameKey() : null);
    }

    /** Puts back what {@code merge} moved; the caller has checked that it is not undone and can be. */
    Uni<Void> undo(SqlConnection conn, String user, EntityMergeRepository.Merge merge) {
        Moved m = read(merge.moved());
        UUID l = merge.mergedId();
        UUID s = merge.survivorId();
        return entityRows.setStatus(conn, user, l, m.status(), null)
                .chain(() -> m.addedAlias() == null ? Uni.createFrom().voidItem()
                        : aliasRows.remove(conn, user, s, m.addedAlias()))
                .chain(() -> aliasRows.move(conn, user, s, l, m.aliases().toArray(String[]::new)))
                .chain(() -> evidenceRows.returnToEntity(conn, user, m.evidence().toArray(UUID[]::new), l))
                .chain(returned -> entityRows.addMentions(conn, user, s, -returned))
                .chain(() -> relationshipRows.moveEnd(conn, user, m.edges().toArray(UUID[]::new), s, l))
                .chain(() -> evidenceRows.returnToRelationships(conn, user, m.edgeEvidence().stream()
                        .map(EvidenceFrom::id).toArray(UUID[]::new), m.edgeEvidence().stream()
                        .map(EvidenceFrom::relationshipId).toArray(UUID[]::new)))
                .chain(() -> relationshipRows.setStatuses(conn, user, m.setAside().stream().map(EdgeState::id)
                        .toArray(UUID[]::new), m.setAside().stream().map(EdgeState::status).toArray(String[]::new)))
                .chain(() -> mergeRows.markUndone(conn, user, merge.id())).replaceWithVoid();
    }

    /**
     * The losers of the user's standing merges that still have something to be given back: a piece of the evidence
     * or an edge the merge moved or set aside is still there. A purge keeps them (with nothing of their own, they
     * would pass for orphans) so that an undo can restore what is left.
     */
    Uni<Set<UUID>> restorableLosers(SqlClient db, String user) {
        return mergeRows.standing(db, user).chain(merges -> {
            Map<UUID, Moved> moved = new HashMap<>();
            merges.forEach(merge -> moved.put(merge.mergedId(), read(merge.moved())));
            UUID[] evidence = moved.values().stream().flatMap(m -> Stream.concat(m.evidence().stream(),
                    m.edgeEvidence().stream().map(EvidenceFrom::id))).toArray(UUID[]::new);
            UUID[] edges = moved.values().stream().flatMap(m -> Stream.concat(m.edges().stream(),
                    m.setAside().stream().map(EdgeState::id))).toArray(UUID[]::new);
            return evidenceRows.existing(db, user, evidence).chain(leftEvidence -> relationshipRows
                    .existing(db, user, edges).map(leftEdges -> {
                        Set<UUID> out = new HashSet<>();
                        moved.forEach((loser, m) -> {
                            if (m.evidence().stream().anyMatch(leftEvidence::contains)
                                    || m.edgeEvidence().stream().anyMatch(e -> leftEvidence.contains(e.id()))
                                    || m.edges().stream().anyMatch(leftEdges::contains)
                                    || m.setAside().stream().anyMatch(e -> leftEdges.contains(e.id()))) {
                                out.add(loser);
                            }
                        });
                        return out;
                    }));
        });
    }

    /** The survivor's edge {@code k} points the way the loser's edge {@code e} does, to the same other end. */
    private static boolean sameDirection(RelationshipRepository.Stored k, RelationshipRepository.Stored e, UUID s,
            UUID l) {
        return e.sourceId().equals(l) ? k.sourceId().equals(s) && k.targetId().equals(e.targetId())
                : k.targetId().equals(s) && k.sourceId().equals(e.sourceId());
    }

    /** Two validity periods share a day; an open end is unbounded, the end day itself is outside. */
    static boolean overlap(LocalDate fromA, LocalDate toA, LocalDate fromB, LocalDate toB) {
        boolean aBeforeB = toA != null && fromB != null && !toA.isAfter(fromB);
        boolean bBeforeA = toB != null && fromA != null && !toB.isAfter(fromA);
        return !aBeforeB && !bBeforeA;
    }

    Moved read(String moved) {
        try {
            return json.readValue(moved, Moved.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a merge's record is not readable", e);
        }
    }

    private String write(Moved moved) {
        try {
            return json.writeValueAsString(moved);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a merge's record is not writable", e);
        }
    }
}
