package dev.engram.graph;

import dev.engram.extract.EntityType;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

/**
 * Reads one user's graph: entities by name, one entity with its aliases, and everything about a name at a date
 * (the facts that hold then, the history, the memories and the mentions). Every statement filters by the caller;
 * another user's entity answers 404 like a missing one.
 */
@ApplicationScoped
class GraphReader {

    private static final int EVIDENCE_PER_FACT = 5;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final EntityRepository entityRows;
    private final EntityAliasRepository aliasRows;
    private final RelationshipRepository relationshipRows;
    private final GraphEvidenceRepository evidenceRows;

    GraphReader(Pool pool, ReactiveBridge bridge, EntityRepository entityRows, EntityAliasRepository aliasRows,
            RelationshipRepository relationshipRows, GraphEvidenceRepository evidenceRows) {
        this.pool = pool;
        this.bridge = bridge;
        this.entityRows = entityRows;
        this.aliasRows = aliasRows;
        this.relationshipRows = relationshipRows;
        this.evidenceRows = evidenceRows;
    }

    /** An entity as the API shows it. */
    public record EntityView(UUID id, String type, String name, Map<String, Object> attributes, List<String> aliases,
            UUID memoryId, String status, UUID mergedInto, int mentionCount) {
    }

    /** A page of entities; pass {@code nextCursor} back as {@code cursor}. */
    public record EntityPage(List<EntityView> entities, String nextCursor) {
    }

    /** Where a fact was read; {@code messageId} when it was a chat message. */
    public record EvidenceView(String jobId, int chunkIndex, int charStart, int charEnd, String snippet, UUID memoryId,
            UUID messageId) {
    }

    /** A fact seen from the entity asked about: {@code direction} out (it is the source) or in. */
    public record FactView(UUID id, String type, String direction, EntityView other, String fact, double confidence,
            Map<String, Object> attributes, String status, LocalDate validFrom, LocalDate validTo,
            UUID supersededBy, List<EvidenceView> evidence) {
    }

    /** Everything about one entity at {@code asOf}: the facts that hold then, the others as history. */
    public record About(EntityView entity, LocalDate asOf, List<FactView> facts, List<FactView> history,
            List<UUID> memories, List<EvidenceView> mentions, List<EntityView> candidates) {
    }

    /** Entities whose name or alias contains {@code q} (any case), of {@code type} if given, by name. */
    public EntityPage entities(String userId, String q, String type, String cursor, int limit) {
        String wire = type == null || type.isBlank() ? null : checkType(type);
        if (limit < 1 || limit > 100) {
            throw Invalid.field("limit", "must be 1 to 100");
        }
        String after = decode(cursor);
        String pattern = q == null || q.isBlank() ? "%" : "%" + q.toLowerCase().replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_") + "%";
        // Every name is like "%": only a search looks at the aliases.
        List<EntityView> rows = bridge.await(() -> (pattern.equals("%") ? Uni.createFrom().item(new UUID[0])
                : aliasRows.entitiesLike(pool, userId, pattern))
                .chain(aliased -> entityRows.page(pool, userId, wire, pattern, aliased, after, limit + 1))
                .chain(this::withAliases));
        List<EntityView> out = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        String next = null;
        if (rows.size() > limit) {
            EntityView last = out.get(out.size() - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((last.name().toLowerCase() + "/" + last.id())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new EntityPage(out, next);
    }

    /** One entity of the caller's; 404 when it is missing or another user's. */
    public EntityView entity(String userId, UUID id) {
        List<EntityView> found = bridge.await(() -> entityRows.find(pool, userId, id)
                .chain(row -> withAliases(row.stream().toList())));
        if (found.isEmpty()) {
            throw new NotFound("entity " + id);
        }
        return found.get(0);
    }

    /**
     * Everything about {@code name} at {@code asOf} (today when null): one entity whose name, alias or first name it
     * is, else the candidates to choose from, else 404.
     */
    public About about(String userId, String name, String asOf) {
        if (name == null || name.isBlank()) {
            throw Invalid.field("name", "required");
        }
        LocalDate day = parseDate(asOf);
        List<UUID> matches = new ArrayList<>();
        for (EntityType type : EntityType.values()) {
            if (type == EntityType.DECISION || type == EntityType.TASK) {
                continue;
            }
            String key = NameKey.of(type, name);
            if (key.isEmpty()) {
                continue;
            }
            for (UUID id : bridge.await(() -> aliasRows.entitiesWithKey(pool, userId, type.wireName(),
                    new String[] {key}).chain(aliased -> entityRows.activeByKeyOrFirstName(pool, userId,
                    type.wireName(), key, aliased)))) {
                if (!matches.contains(id)) {
                    matches.add(id);
                }
            }
        }
        if (matches.isEmpty()) {
            throw new NotFound("an entity named " + name.strip());
        }
        if (matches.size() > 1) {
            List<EntityView> candidates = matches.stream().map(id -> entity(userId, id)).toList();
            return new About(null, day, List.of(), List.of(), List.of(), List.of(), candidates);
        }
        EntityView entity = entity(userId, matches.get(0));
        List<FactView> facts = new ArrayList<>();
        List<FactView> history = new ArrayList<>();
        List<UUID> memories = new ArrayList<>();
        for (RelationshipRepository.Stored r : bridge.await(() -> relationshipRows.ofEntity(pool, userId,
                entity.id()))) {
            boolean out = r.sourceId().equals(entity.id());
            EntityView other = entity(userId, out ? r.targetId() : r.sourceId());
            if (other.status().equals("merged") || other.status().equals("rejected")) {
                continue;
            }
            if (other.memoryId() != null && !memories.contains(other.memoryId())) {
                memories.add(other.memoryId());
            }
            FactView fact = new FactView(r.id(), r.type(), out ? "out" : "in", other, r.fact(), r.confidence(),
                    GraphJson.map(r.attributes()), r.status(), r.validFrom(), r.validTo(), r.supersededBy(),
                    evidence(userId, r.id()));
            boolean holds = (fact.validFrom() == null || !fact.validFrom().isAfter(day))
                    && (fact.validTo() == null || fact.validTo().isAfter(day));
            (holds ? facts : history).add(fact);
        }
        List<EvidenceView> mentions = evidence(bridge.await(() -> evidenceRows.ofEntity(pool, userId, entity.id(),
                EVIDENCE_PER_FACT)));
        return new About(entity, day, facts, history, memories, mentions, null);
    }

    /** The first pieces of a fact's evidence. */
    List<EvidenceView> evidence(String userId, UUID relationshipId) {
        return evidence(bridge.await(() -> evidenceRows.ofRelationship(pool, userId, relationshipId,
                EVIDENCE_PER_FACT)));
    }

    /** The caller's entities among {@code ids} as the API shows them, by id; missing ones are absent. */
    Map<UUID, EntityView> entities(String userId, java.util.Collection<UUID> ids) {
        List<EntityView> views = bridge.await(() -> entityRows.findAll(pool, userId, ids).chain(this::withAliases));
        Map<UUID, EntityView> out = new LinkedHashMap<>();
        views.forEach(v -> out.put(v.id(), v));
        return out;
    }

    private static List<EvidenceView> evidence(List<GraphEvidenceRepository.Span> spans) {
        return spans.stream().map(s -> new EvidenceView(s.jobId(), s.chunkIndex(), s.charStart(), s.charEnd(),
                s.snippet(), s.memoryId(), s.messageId())).toList();
    }

    /** The entities as the API shows them, in the same order, each with its aliases as written. */
    private Uni<List<EntityView>> withAliases(List<EntityRepository.Stored> rows) {
        return aliasRows.of(pool, rows.stream().map(EntityRepository.Stored::id).toList())
                .map(aliases -> rows.stream().map(r -> new EntityView(r.id(), r.type(), r.name(),
                        GraphJson.map(r.attributes()), aliases.getOrDefault(r.id(), List.of()).stream()
                        .map(EntityAliasRepository.Alias::name).toList(), r.memoryId(), r.status(), r.mergedInto(),
                        r.mentionCount()))
                        .toList());
    }

    static String checkType(String type) {
        EntityType t = EntityType.fromWire(type.strip());
        if (t == null) {
            List<String> allowed = Arrays.stream(EntityType.values()).map(EntityType::wireName).toList();
            throw Invalid.field("type", "must be one of " + String.join(", ", allowed));
        }
        return t.wireName();
    }

    static LocalDate parseDate(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return LocalDate.now(java.time.ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            throw Invalid.field("as_of", "must be a date as YYYY-MM-DD");
        }
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Invalid.field("cursor", "not one this API gave");
        }
    }

    /** Reads the JSON object columns. */
    static final class GraphJson {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        private GraphJson() {
        }

        static Map<String, Object> map(String text) {
            if (text == null || text.isBlank()) {
                return Map.of();
            }
            try {
                return JSON.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String,
                        Object>>() { });
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a graph row holds invalid JSON", e);
            }
        }
    }
}
