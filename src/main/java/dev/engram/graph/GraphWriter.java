package dev.engram.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.extract.EntityCandidate;
import dev.engram.extract.EntityType;
import dev.engram.extract.GraphCandidates;
import dev.engram.extract.RelationCandidate;
import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The knowledge graph's one writer: applies a chunk's entities and relationships to its owner's graph in one
 * transaction, under a lock per user so that two chunks of one user never resolve the same name twice. Entities are
 * resolved by {@link EntityResolver}, facts placed in time by {@link Timeline}, and every entity and fact gets the
 * evidence of this chunk. Applying the same chunk again adds nothing: entities are found by key, facts merge into
 * the edge they repeat, evidence is unique per fact, job, chunk and offset.
 */
@ApplicationScoped
class GraphWriter {

    private static final int SNIPPET = 300;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ObjectMapper json;

    GraphWriter(Pool pool, ReactiveBridge bridge, ObjectMapper json) {
        this.pool = pool;
        this.bridge = bridge;
        this.json = json;
    }

    /**
     * Where a chunk's candidates come from.
     *
     * @param memoryIds     the ids of the memories extracted from the chunk, by their index in the candidates'
     *                      {@code memory_index} attribute (a decision or task node is that memory)
     * @param memoriesSaved true when those memories are saved (auto-save); else their nodes and edges are proposed
     */
    public record Provenance(String jobId, int chunkIndex, String chunkText, List<UUID> memoryIds,
            boolean memoriesSaved) {

        public Provenance {
            memoryIds = memoryIds == null ? List.of() : List.copyOf(memoryIds);
        }
    }

    /** What one application added: new entities, new relationships and new evidence rows. */
    public record Written(int entities, int relationships, int evidence) {
    }

    /** Applies {@code graph} to {@code userId}'s graph; see the class comment. */
    public Written apply(String userId, GraphCandidates graph, Provenance provenance) {
        return apply(userId, graph, provenance, false);
    }

    /**
     * As {@link #apply(String, GraphCandidates, Provenance)}; with {@code requireWork}, only while the chunk's graph
     * work is still pending once the lock is held: a job purged meanwhile ({@link GraphPurge}) gets nothing written.
     */
    Written apply(String userId, GraphCandidates graph, Provenance provenance, boolean requireWork) {
        return bridge.await(() -> pool.withTransaction(conn -> conn
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("engram.graph:" + userId))
                .chain(() -> !requireWork ? Uni.createFrom().item(true) : conn.preparedQuery("SELECT 1 FROM graph_work "
                        + "WHERE user_id = $1 AND job_id = $2 AND chunk_index = $3 AND state = 'pending'")
                        .execute(Tuple.of(userId, provenance.jobId(), provenance.chunkIndex()))
                        .map(rows -> rows.rowCount() > 0))
                .chain(open -> open ? new Session(conn, userId, provenance).run(graph)
                        : Uni.createFrom().item(new Written(0, 0, 0)))));
    }

    /** One application: the ids found so far and what was added. */
    private final class Session {

        final SqlConnection conn;
        final String user;
        final Provenance p;
        final Map<String, UUID> ids = new HashMap<>();
        final List<EntityResolver.Known> jobPeople = new ArrayList<>();
        int entities;
        int relationships;
        int evidence;

        Session(SqlConnection conn, String user, Provenance p) {
            this.conn = conn;
            this.user = user;
            this.p = p;
        }

        Uni<Written> run(GraphCandidates graph) {
            // Full names before lone first names, so "John" can join the "John Smith" of the same chunk.
            List<EntityCandidate> ordered = new ArrayList<>(graph.entities());
            ordered.sort(Comparator.comparingInt((EntityCandidate e) -> -e.name().split("\\s+").length));
            Uni<Void> work = loadJobPeople();
            for (EntityCandidate e : ordered) {
                work = work.chain(() -> entity(e));
            }
            for (RelationCandidate r : graph.relations()) {
                work = work.chain(() -> relation(r));
            }
            return work.map(ignored -> new Written(entities, relationships, evidence));
        }

        private Uni<Void> loadJobPeople() {
            return conn.preparedQuery("SELECT DISTINCT e.id, e.name, e.name_key FROM entities e JOIN graph_evidence g "
                    + "ON g.entity_id = e.id WHERE e.user_id = $1 AND g.user_id = $1 AND g.job_id = $2 "
                    + "AND e.type = 'person' AND e.status = 'active'").execute(Tuple.of(user, p.jobId()))
                    .invoke(rows -> rows.forEach(r -> jobPeople.add(new EntityResolver.Known(r.getUUID("id"),
                            EntityType.PERSON, r.getString("name"), r.getString("name_key"), Set.of(), null))))
                    .replaceWithVoid();
        }

        private Uni<Void> entity(EntityCandidate e) {
            if (e.type() == EntityType.DECISION || e.type() == EntityType.TASK) {
                return memoryNode(e);
            }
            String key = NameKey.of(e.type(), e.name());
            if (key.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String acronym = NameKey.acronym(e.type(), e.name());
            String[] keys = acronym == null ? new String[] {key} : new String[] {key, acronym};
            return conn.preparedQuery("SELECT e.id, e.name, e.name_key, array_remove(array_agg(a.alias_key), NULL) "
                    + "AS aliases FROM entities e LEFT JOIN entity_aliases a ON a.entity_id = e.id "
                    + "WHERE e.user_id = $1 AND e.type = $2 AND e.status = 'active' AND e.memory_id IS NULL "
                    + "AND (e.name_key = ANY($3) OR e.id IN (SELECT entity_id FROM entity_aliases WHERE user_id = $1 "
                    + "AND type = $2 AND alias_key = ANY($3))) GROUP BY e.id")
                    .execute(Tuple.of(user, e.type().wireName(), keys))
                    .chain(rows -> {
                        List<EntityResolver.Known> known = new ArrayList<>();
                        for (Row r : rows) {
                            known.add(new EntityResolver.Known(r.getUUID("id"), e.type(), r.getString("name"),
                                    r.getString("name_key"), new HashSet<>(Arrays.asList(r.getArrayOfStrings("aliases"))),
                                    null));
                        }
                        EntityResolver.Resolution found = EntityResolver.resolve(e.type(), e.name(), null, known,
                                jobPeople);
                        Uni<UUID> id = found.id() != null ? known(found, e, key) : insert(e, key, acronym);
                        return id.chain(entityId -> {
                            ids.put(idKey(e.type(), e.name()), entityId);
                            if (e.type() == EntityType.PERSON && jobPeople.stream().noneMatch(k -> k.id().equals(entityId))) {
                                jobPeople.add(new EntityResolver.Known(entityId, EntityType.PERSON, e.name(), key,
                                        Set.of(), null));
                            }
                            return entityEvidence(entityId, e, null);
                        });
                    });
        }

        /** An entity found: keep the name written here as an alias when it differs, and add new attributes. */
        private Uni<UUID> known(EntityResolver.Resolution found, EntityCandidate e, String key) {
            Uni<Void> alias = found.method() == EntityResolver.Method.EXACT ? Uni.createFrom().voidItem()
                    : conn.preparedQuery("INSERT INTO entity_aliases (entity_id, user_id, type, alias, alias_key) "
                            + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                            .execute(Tuple.of(found.id(), user, e.type().wireName(), e.name(), key)).replaceWithVoid();
            Uni<Void> attributes = e.attributes().isEmpty() ? Uni.createFrom().voidItem()
                    : conn.preparedQuery("UPDATE entities SET attributes = attributes || $3::text::jsonb, "
                            + "updated_at = now() WHERE id = $1 AND user_id = $2")
                            .execute(Tuple.of(found.id(), user, write(e.attributes()))).replaceWithVoid();
            return alias.chain(() -> attributes).map(ignored -> found.id());
        }

        private Uni<UUID> insert(EntityCandidate e, String key, String acronym) {
            return conn.preparedQuery("INSERT INTO entities (id, user_id, type, name, name_key, attributes) "
                    + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb) ON CONFLICT (user_id, type, name_key) "
                    + "WHERE status = 'active' AND memory_id IS NULL DO UPDATE SET updated_at = now() "
                    + "RETURNING id, (xmax = 0) AS inserted")
                    .execute(Tuple.tuple(List.of(UUID.randomUUID(), user, e.type().wireName(), e.name(), key,
                            write(e.attributes()))))
                    .chain(rows -> {
                        Row row = rows.iterator().next();
                        UUID id = row.getUUID("id");
                        if (Boolean.TRUE.equals(row.getBoolean("inserted"))) {
                            entities++;
                        }
                        if (acronym == null) {
                            return Uni.createFrom().item(id);
                        }
                        return conn.preparedQuery("INSERT INTO entity_aliases (entity_id, user_id, type, alias, "
                                + "alias_key) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                                .execute(Tuple.of(id, user, e.type().wireName(), acronym.toUpperCase(), acronym))
                                .map(ignored -> id);
                    });
        }

        /** A decision or task node: the memory it is, proposed until the memory is saved. */
        private Uni<Void> memoryNode(EntityCandidate e) {
            UUID memory = memoryId(e);
            if (memory == null) {
                return Uni.createFrom().voidItem();
            }
            Map<String, Object> attributes = new HashMap<>(e.attributes());
            attributes.remove("memory_index");
            return conn.preparedQuery("INSERT INTO entities (id, user_id, type, name, name_key, attributes, memory_id, "
                    + "status) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8) ON CONFLICT (user_id, memory_id) "
                    + "WHERE memory_id IS NOT NULL DO UPDATE SET updated_at = now() RETURNING id, (xmax = 0) AS inserted")
                    .execute(Tuple.tuple(List.of(UUID.randomUUID(), user, e.type().wireName(), e.name(),
                            NameKey.of(e.type(), e.name()), write(attributes), memory,
                            p.memoriesSaved() ? "active" : "proposed")))
                    .chain(rows -> {
                        Row row = rows.iterator().next();
                        if (Boolean.TRUE.equals(row.getBoolean("inserted"))) {
                            entities++;
                        }
                        ids.put(idKey(e.type(), e.name()), row.getUUID("id"));
                        return entityEvidence(row.getUUID("id"), e, memory);
                    });
        }

        private UUID memoryId(EntityCandidate e) {
            if (e.attributes().get("memory_index") instanceof Integer i && i >= 0 && i < p.memoryIds().size()) {
                return p.memoryIds().get(i);
            }
            return null;
        }

        private Uni<Void> entityEvidence(UUID entityId, EntityCandidate e, UUID memory) {
            return conn.preparedQuery("INSERT INTO graph_evidence (id, user_id, entity_id, job_id, chunk_index, "
                    + "char_start, char_end, snippet, memory_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                    + "ON CONFLICT DO NOTHING RETURNING id")
                    .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), user, entityId, p.jobId(), p.chunkIndex(),
                            e.start(), e.end(), snippet(e.start(), e.end(), e.name()), memory)))
                    .chain(rows -> {
                        if (rows.rowCount() == 0) {
                            return Uni.createFrom().voidItem();
                        }
                        evidence++;
                        return conn.preparedQuery("UPDATE entities SET mention_count = mention_count + 1 "
                                + "WHERE id = $1 AND user_id = $2").execute(Tuple.of(entityId, user)).replaceWithVoid();
                    });
        }

        private Uni<Void> relation(RelationCandidate r) {
            UUID source = ids.get(idKey(r.sourceType(), r.source()));
            UUID target = ids.get(idKey(r.targetType(), r.target()));
            if (source == null || target == null || source.equals(target)) {
                return Uni.createFrom().voidItem();
            }
            LocalDate from = r.validFrom() != null ? r.validFrom() : LocalDate.now(ZoneOffset.UTC);
            boolean fromMemory = r.sourceType() == EntityType.DECISION || r.sourceType() == EntityType.TASK
                    || r.targetType() == EntityType.DECISION || r.targetType() == EntityType.TASK;
            return conn.preparedQuery("SELECT id, target_id, type, valid_from, valid_to FROM relationships "
                    + "WHERE user_id = $1 AND source_id = $2 AND status <> 'rejected'")
                    .execute(Tuple.of(user, source))
                    .chain(rows -> {
                        List<Timeline.Edge> edges = new ArrayList<>();
                        for (Row row : rows) {
                            edges.add(new Timeline.Edge(row.getUUID("id"), row.getUUID("target_id"),
                                    dev.engram.extract.RelationType.fromWire(row.getString("type")),
                                    row.getLocalDate("valid_from"), row.getLocalDate("valid_to")));
                        }
                        Timeline.Plan plan = Timeline.apply(edges, new Timeline.Fact(r.type(), target, from,
                                r.validTo(), r.closes()));
                        return switch (plan.outcome()) {
                            case MERGE -> factEvidence(plan.mergeInto(), r);
                            case NONE -> closeAll(plan, null).chain(() -> {
                                Uni<Void> all = Uni.createFrom().voidItem();
                                for (Timeline.Closing c : plan.close()) {
                                    all = all.chain(() -> factEvidence(c.edgeId(), r));
                                }
                                return all;
                            });
                            case INSERT -> {
                                UUID id = UUID.randomUUID();
                                boolean closed = plan.supersededBy() != null;
                                String status = closed ? "invalidated" : fromMemory && !p.memoriesSaved() ? "proposed"
                                        : "active";
                                yield conn.preparedQuery("INSERT INTO relationships (id, user_id, source_id, target_id, "
                                        + "type, fact, confidence, attributes, status, valid_from, valid_to, "
                                        + "invalidated_at, superseded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                                        + "$8::text::jsonb, $9, $10, $11, CASE WHEN $12 THEN now() END, $13)")
                                        .execute(Tuple.tuple(Arrays.asList(id, user, source, target, r.type().wireName(),
                                                r.fact(), (float) r.confidence(), write(r.attributes()), status, from,
                                                plan.validTo(), closed, plan.supersededBy())))
                                        .invoke(() -> relationships++)
                                        .chain(() -> closeAll(plan, id))
                                        .chain(() -> factEvidence(id, r));
                            }
                        };
                    });
        }

        /** Closes the plan's edges; {@code by} is the edge that supersedes them, null when a fact ends them. */
        private Uni<Void> closeAll(Timeline.Plan plan, UUID by) {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (Timeline.Closing c : plan.close()) {
                all = all.chain(() -> conn.preparedQuery("UPDATE relationships SET valid_to = $3, status = "
                        + "'invalidated', invalidated_at = now(), superseded_by = $4 WHERE id = $1 AND user_id = $2 "
                        + "AND valid_to IS NULL").execute(Tuple.of(c.edgeId(), user, c.at(), c.byNewEdge() ? by : null))
                        .replaceWithVoid());
            }
            return all;
        }

        private Uni<Void> factEvidence(UUID relationship, RelationCandidate r) {
            return conn.preparedQuery("INSERT INTO graph_evidence (id, user_id, relationship_id, job_id, chunk_index, "
                    + "char_start, char_end, snippet) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING")
                    .execute(Tuple.tuple(List.of(UUID.randomUUID(), user, relationship, p.jobId(), p.chunkIndex(),
                            r.start(), r.end(), snippet(r.start(), r.end(), r.fact()))))
                    .invoke(rows -> evidence += rows.rowCount())
                    .replaceWithVoid();
        }

        private String snippet(int start, int end, String fallback) {
            String text = p.chunkText();
            String s = text != null && start >= 0 && end <= text.length() && start < end ? text.substring(start, end)
                    : fallback;
            s = s.strip();
            return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET - 1) + "…";
        }
    }

    private static String idKey(EntityType type, String name) {
        return type + ":" + name.strip();
    }

    private String write(Map<String, Object> attributes) {
        try {
            return json.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes are not JSON: " + e.getMessage(), e);
        }
    }
}
