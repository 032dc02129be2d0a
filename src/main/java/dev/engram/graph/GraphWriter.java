package dev.engram.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.extract.EntityCandidate;
import dev.engram.extract.EntityType;
import dev.engram.extract.GraphCandidates;
import dev.engram.extract.RelationCandidate;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The knowledge graph's one writer: applies a chunk's entities and relationships to its owner's graph in one
 * transaction, under a lock per user so that two chunks of one user never resolve the same name twice. Entities are
 * resolved by {@link EntityResolver}, facts placed in time by {@link Timeline}, and every entity and fact gets the
 * evidence of this chunk. The chunk's named entities that the graph has not embedded yet are embedded in one call
 * ({@code type: name}) before the transaction; each entity it adds is then merged into an active one of its type that
 * its embedding is close to ({@link EntityResolver#bySimilarity}; never a pair an undone merge split), by the same
 * {@link EntityMerger} a person's merge uses. Applying the same chunk again adds nothing: entities are found by key
 * or alias (a merged entity's name is its survivor's alias), facts merge into the edge they repeat, evidence is
 * unique per fact, job, chunk and offset.
 */
@ApplicationScoped
class GraphWriter {

    private static final int SNIPPET = 300;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ObjectMapper json;
    private final GraphWorkRepository work;
    private final EntityRepository entityRows;
    private final EntityAliasRepository aliasRows;
    private final RelationshipRepository relationshipRows;
    private final GraphEvidenceRepository evidenceRows;
    private final EntityMergeRepository mergeRows;
    private final EntityMerger merger;
    private final ActiveEmbedder embedder;

    GraphWriter(Pool pool, ReactiveBridge bridge, ObjectMapper json, GraphWorkRepository work,
            EntityRepository entityRows, EntityAliasRepository aliasRows, RelationshipRepository relationshipRows,
            GraphEvidenceRepository evidenceRows, EntityMergeRepository mergeRows, EntityMerger merger,
            ActiveEmbedder embedder) {
        this.pool = pool;
        this.bridge = bridge;
        this.json = json;
        this.work = work;
        this.entityRows = entityRows;
        this.aliasRows = aliasRows;
        this.relationshipRows = relationshipRows;
        this.evidenceRows = evidenceRows;
        this.mergeRows = mergeRows;
        this.merger = merger;
        this.embedder = embedder;
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

    /**
     * What one application added: new entities, new relationships and new evidence rows, and the pairs a judge may
     * settle (see {@link Borderline}).
     */
    public record Written(int entities, int relationships, int evidence, List<Borderline> borderline) {

        public Written {
            borderline = List.copyOf(borderline);
        }

        public Written(int entities, int relationships, int evidence) {
            this(entities, relationships, evidence, List.of());
        }
    }

    /**
     * An entity this application added and the closest active one of its type, when they are close by embedding
     * (cosine {@value EntityResolver#SUGGEST_COSINE} to {@value EntityResolver#SAME_COSINE}) but not by spelling: the
     * rules leave such a pair a merge suggestion; a provider that judges names may settle it
     * ({@link #mergeJudged}).
     */
    public record Borderline(EntityType type, UUID added, String addedName, UUID near, String nearName,
            double cosine) {
    }

    /**
     * Merges each of {@code pairs} that a judge found to name one entity: the added entity into the one it is close
     * to, method {@code llm}, in one transaction under the user's graph lock. A pair either side of which is no longer
     * active (merged, rejected or purged meanwhile) is skipped; an undone pair is blocked and stays apart.
     *
     * @return how many pairs were merged
     */
    public int mergeJudged(String userId, List<Borderline> pairs) {
        if (pairs.isEmpty()) {
            return 0;
        }
        return bridge.await(() -> pool.withTransaction(conn -> GraphLock.take(conn, userId).chain(() -> {
            Uni<Integer> steps = Uni.createFrom().item(0);
            for (Borderline b : pairs) {
                steps = steps.chain(done -> mergeRows.blockedWith(conn, userId, b.added())
                        .chain(blocked -> blocked.contains(b.near()) ? Uni.createFrom().item(List.<EntityRepository.Stored>of())
                                : entityRows.findAll(conn, userId, List.of(b.added(), b.near())))
                        .chain(rows -> {
                            var loser = rows.stream().filter(r -> r.id().equals(b.added())).findFirst();
                            var survivor = rows.stream().filter(r -> r.id().equals(b.near())).findFirst();
                            if (loser.isEmpty() || survivor.isEmpty() || !"active".equals(loser.get().status())
                                    || !"active".equals(survivor.get().status())) {
                                return Uni.createFrom().item(done);
                            }
                            return merger.merge(conn, userId, loser.get(), survivor.get(), "llm", b.cosine())
                                    .map(ignored -> done + 1);
                        }));
            }
            return steps;
        })));
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
        Map<String, String> vectors = embed(userId, graph);
        return bridge.await(() -> pool.withTransaction(conn -> GraphLock.take(conn, userId)
                .chain(() -> !requireWork ? Uni.createFrom().item(true)
                        : work.isPending(conn, userId, provenance.jobId(), provenance.chunkIndex()))
                .chain(open -> open ? new Session(conn, userId, provenance, vectors).run(graph)
                        : Uni.createFrom().item(new Written(0, 0, 0)))));
    }

    /**
     * The embeddings (pgvector text) of the chunk's named entities whose key names no embedded entity yet, by
     * {@link #idKey}; one call to the embedder, outside the transaction.
     */
    private Map<String, String> embed(String userId, GraphCandidates graph) {
        Map<String, EntityCandidate> named = new LinkedHashMap<>();
        for (EntityCandidate e : graph.entities()) {
            if (e.type() != EntityType.DECISION && e.type() != EntityType.TASK
                    && !NameKey.of(e.type(), e.name()).isEmpty()) {
                named.putIfAbsent(idKey(e.type(), e.name()), e);
            }
        }
        if (named.isEmpty()) {
            return Map.of();
        }
        String[] types = named.values().stream().map(e -> e.type().wireName()).toArray(String[]::new);
        String[] keys = named.values().stream().map(e -> NameKey.of(e.type(), e.name())).toArray(String[]::new);
        Set<String> embedded = bridge.await(() -> entityRows.embeddedKeys(pool, userId, types, keys));
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        named.forEach((id, e) -> {
            if (!embedded.contains(e.type().wireName() + ":" + NameKey.of(e.type(), e.name()))) {
                ids.add(id);
                texts.add(e.type().wireName() + ": " + e.name().strip());
            }
        });
        if (texts.isEmpty()) {
            return Map.of();
        }
        List<float[]> vectors = embedder.get().embedAll(texts);
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), PgVectors.literal(vectors.get(i)));
        }
        return out;
    }

    /** One application: the ids found so far and what was added. */
    private final class Session {

        final SqlConnection conn;
        final String user;
        final Provenance p;
        final Map<String, String> vectors;
        final Map<String, UUID> ids = new HashMap<>();
        final Map<UUID, String> added = new LinkedHashMap<>();
        final Map<UUID, EntityCandidate> addedFrom = new HashMap<>();
        final List<Borderline> borderline = new ArrayList<>();
        final List<EntityResolver.Known> jobPeople = new ArrayList<>();
        int entities;
        int relationships;
        int evidence;

        Session(SqlConnection conn, String user, Provenance p, Map<String, String> vectors) {
            this.conn = conn;
            this.user = user;
            this.p = p;
            this.vectors = vectors;
        }

        Uni<Written> run(GraphCandidates graph) {
            // Full names before lone first names, so "John" can join the "John Smith" of the same chunk.
            List<EntityCandidate> ordered = new ArrayList<>(graph.entities());
            ordered.sort(Comparator.comparingInt((EntityCandidate e) -> -e.name().split("\\s+").length));
            Uni<Void> steps = loadJobPeople();
            for (EntityCandidate e : ordered) {
                steps = steps.chain(() -> entity(e));
            }
            for (RelationCandidate r : graph.relations()) {
                steps = steps.chain(() -> relation(r));
            }
            // After the facts, so that a merge moves them too and its undo gives them back.
            return steps.chain(this::mergeNearDuplicates).map(ignored -> new Written(entities, relationships,
                    evidence, borderline));
        }

        /** Merges each entity this chunk added into the active one of its type it is a near-duplicate of. */
        private Uni<Void> mergeNearDuplicates() {
            Uni<Void> steps = Uni.createFrom().voidItem();
            for (Map.Entry<UUID, String> a : added.entrySet()) {
                steps = steps.chain(() -> mergeRows.blockedWith(conn, user, a.getKey()))
                        .chain(blocked -> entityRows.near(conn, user, a.getKey(), blocked.toArray(UUID[]::new),
                                EntityResolver.SUGGEST_COSINE, 5))
                        .chain(near -> {
                            EntityResolver.Resolution found = EntityResolver.bySimilarity(a.getValue(), near.stream()
                                    .map(n -> new EntityResolver.Near(n.id(), n.nameKey(), n.cosine())).toList());
                            if (found.id() == null) {
                                EntityCandidate from = addedFrom.get(a.getKey());
                                near.stream().filter(n -> found.suggestions().contains(n.id()))
                                        .max(Comparator.comparingDouble(EntityRepository.Near::cosine))
                                        .filter(n -> from != null)
                                        .ifPresent(n -> borderline.add(new Borderline(from.type(), a.getKey(),
                                                from.name().strip(), n.id(), n.name(), n.cosine())));
                                return Uni.createFrom().voidItem();
                            }
                            return entityRows.findAll(conn, user, List.of(a.getKey(), found.id())).chain(rows -> {
                                var loser = rows.stream().filter(r -> r.id().equals(a.getKey())).findFirst();
                                var survivor = rows.stream().filter(r -> r.id().equals(found.id())).findFirst();
                                return loser.isEmpty() || survivor.isEmpty() ? Uni.createFrom().voidItem()
                                        : merger.merge(conn, user, loser.get(), survivor.get(), "embedding",
                                                found.score()).replaceWithVoid();
                            });
                        });
            }
            return steps;
        }

        private Uni<Void> loadJobPeople() {
            return evidenceRows.entitiesOfJob(conn, user, p.jobId())
                    .chain(ids -> entityRows.activePersons(conn, user, ids))
                    .invoke(people -> people.forEach(e -> jobPeople.add(new EntityResolver.Known(e.id(),
                            EntityType.PERSON, e.name(), e.nameKey(), Set.of(), null))))
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
            String type = e.type().wireName();
            return aliasRows.entitiesWithKey(conn, user, type, keys)
                    .chain(aliased -> entityRows.activeByKey(conn, user, type, keys, aliased))
                    .chain(named -> aliasRows.of(conn, named.stream().map(EntityRepository.Named::id).toList())
                            .map(aliases -> named.stream().map(n -> new EntityResolver.Known(n.id(), e.type(),
                                    n.name(), n.nameKey(), aliasKeys(aliases.get(n.id())), null)).toList()))
                    .chain(known -> {
                        EntityResolver.Resolution found = EntityResolver.resolve(e.type(), e.name(), null, known,
                                jobPeople);
                        String vector = vectors.get(idKey(e.type(), e.name()));
                        Uni<UUID> id = found.id() != null ? known(found, e, key, vector)
                                : insert(e, key, acronym, vector);
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
        private Uni<UUID> known(EntityResolver.Resolution found, EntityCandidate e, String key, String vector) {
            Uni<Void> alias = found.method() == EntityResolver.Method.EXACT ? Uni.createFrom().voidItem()
                    : aliasRows.add(conn, user, found.id(), e.type().wireName(), e.name(), key).replaceWithVoid();
            Uni<Void> attributes = e.attributes().isEmpty() ? Uni.createFrom().voidItem()
                    : entityRows.addAttributes(conn, user, found.id(), write(e.attributes()));
            // An entity stored before entities were embedded gets its embedding when it is named again.
            Uni<Void> embedding = vector == null || found.method() != EntityResolver.Method.EXACT
                    ? Uni.createFrom().voidItem() : entityRows.embedIfMissing(conn, user, found.id(), vector);
            return alias.chain(() -> attributes).chain(() -> embedding).map(ignored -> found.id());
        }

        private Uni<UUID> insert(EntityCandidate e, String key, String acronym, String vector) {
            return entityRows.upsertNamed(conn, user, e.type().wireName(), e.name(), key, write(e.attributes()),
                            vector)
                    .chain(row -> {
                        UUID id = row.id();
                        if (row.inserted()) {
                            entities++;
                            if (vector != null) {
                                added.put(id, key);
                                addedFrom.put(id, e);
                            }
                        }
                        if (acronym == null) {
                            return Uni.createFrom().item(id);
                        }
                        return aliasRows.add(conn, user, id, e.type().wireName(), acronym.toUpperCase(), acronym)
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
            return entityRows.upsertMemoryNode(conn, user, e.type().wireName(), e.name(),
                    NameKey.of(e.type(), e.name()), write(attributes), memory, p.memoriesSaved() ? "active" : "proposed")
                    .chain(row -> {
                        if (row.inserted()) {
                            entities++;
                        }
                        ids.put(idKey(e.type(), e.name()), row.id());
                        return entityEvidence(row.id(), e, memory);
                    });
        }

        private UUID memoryId(EntityCandidate e) {
            if (e.attributes().get("memory_index") instanceof Integer i && i >= 0 && i < p.memoryIds().size()) {
                return p.memoryIds().get(i);
            }
            return null;
        }

        private Uni<Void> entityEvidence(UUID entityId, EntityCandidate e, UUID memory) {
            return evidenceRows.addOfEntity(conn, user, entityId, span(e.start(), e.end(), e.name(), memory))
                    .chain(added -> {
                        if (!added) {
                            return Uni.createFrom().voidItem();
                        }
                        evidence++;
                        return entityRows.addMentions(conn, user, entityId, 1);
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
            return relationshipRows.edgesFrom(conn, user, source)
                    .chain(edges -> {
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
                                yield relationshipRows.insert(conn, new RelationshipRepository.NewFact(id, user,
                                        source, target, r.type().wireName(), r.fact(), (float) r.confidence(),
                                        write(r.attributes()), status, from, plan.validTo(), closed,
                                        plan.supersededBy(), null))
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
                all = all.chain(() -> relationshipRows.close(conn, user, c.edgeId(), c.at(),
                        c.byNewEdge() ? by : null));
            }
            return all;
        }

        private Uni<Void> factEvidence(UUID relationship, RelationCandidate r) {
            return evidenceRows.addOfRelationship(conn, user, relationship, span(r.start(), r.end(), r.fact(), null))
                    .invoke(added -> evidence += added)
                    .replaceWithVoid();
        }

        private GraphEvidenceRepository.Span span(int start, int end, String fallback, UUID memory) {
            return new GraphEvidenceRepository.Span(p.jobId(), p.chunkIndex(), start, end,
                    snippet(start, end, fallback), memory, null);
        }

        private String snippet(int start, int end, String fallback) {
            String text = p.chunkText();
            String s = text != null && start >= 0 && end <= text.length() && start < end ? text.substring(start, end)
                    : fallback;
            s = s.strip();
            return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET - 1) + "…";
        }
    }

    private static Set<String> aliasKeys(List<EntityAliasRepository.Alias> aliases) {
        Set<String> keys = new HashSet<>();
        if (aliases != null) {
            aliases.forEach(a -> keys.add(a.key()));
        }
        return keys;
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
