package dev.engram.graph;

import dev.engram.extract.EntityType;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.persistence.ReactiveBridge;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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

    GraphReader(Pool pool, ReactiveBridge bridge) {
        this.pool = pool;
        this.bridge = bridge;
    }

    /** An entity as the API shows it. */
    public record EntityView(UUID id, String type, String name, Map<String, Object> attributes, List<String> aliases,
            UUID memoryId, String status, int mentionCount) {
    }

    /** A page of entities; pass {@code nextCursor} back as {@code cursor}. */
    public record EntityPage(List<EntityView> entities, String nextCursor) {
    }

    /** Where a fact was read. */
    public record EvidenceView(String jobId, int chunkIndex, int charStart, int charEnd, String snippet, UUID memoryId) {
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
        List<Row> rows = rows("SELECT e.id, e.type, e.name, e.attributes::text AS attributes, e.memory_id, e.status, "
                + "e.mention_count, array_remove(array_agg(a.alias), NULL) AS aliases FROM entities e "
                + "LEFT JOIN entity_aliases a ON a.entity_id = e.id WHERE e.user_id = $1 AND e.status IN ('active', "
                + "'proposed') AND ($2::text IS NULL OR e.type = $2) AND (lower(e.name) LIKE $3 OR EXISTS (SELECT 1 "
                + "FROM entity_aliases x WHERE x.entity_id = e.id AND lower(x.alias) LIKE $3)) "
                + "AND ($4::text IS NULL OR (lower(e.name) || '/' || e.id::text) > $4) GROUP BY e.id "
                + "ORDER BY lower(e.name), e.id LIMIT $5", userId, wire, pattern, after, limit + 1);
        List<EntityView> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            out.add(view(rows.get(i)));
        }
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
        List<Row> rows = rows("SELECT e.id, e.type, e.name, e.attributes::text AS attributes, e.memory_id, e.status, "
                + "e.mention_count, array_remove(array_agg(a.alias), NULL) AS aliases FROM entities e "
                + "LEFT JOIN entity_aliases a ON a.entity_id = e.id WHERE e.user_id = $1 AND e.id = $2 GROUP BY e.id",
                userId, id);
        if (rows.isEmpty()) {
            throw new NotFound("entity " + id);
        }
        return view(rows.get(0));
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
            for (Row r : rows("SELECT DISTINCT e.id FROM entities e LEFT JOIN entity_aliases a ON a.entity_id = e.id "
                    + "WHERE e.user_id = $1 AND e.type = $2 AND e.status = 'active' AND e.memory_id IS NULL "
                    + "AND (e.name_key = $3 OR a.alias_key = $3 OR ($2 = 'person' AND position(' ' in $3) = 0 "
                    + "AND e.name_key LIKE $3 || ' %'))", userId, type.wireName(), key)) {
                if (!matches.contains(r.getUUID("id"))) {
                    matches.add(r.getUUID("id"));
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
        for (Row r : rows("SELECT r.id, r.type, r.fact, r.confidence, r.attributes::text AS attributes, r.status, "
                + "r.valid_from, r.valid_to, r.superseded_by, r.source_id, r.target_id FROM relationships r "
                + "WHERE r.user_id = $1 AND (r.source_id = $2 OR r.target_id = $2) AND r.status <> 'rejected' "
                + "ORDER BY r.valid_from NULLS FIRST, r.created_at", userId, entity.id())) {
            boolean out = r.getUUID("source_id").equals(entity.id());
            EntityView other = entity(userId, out ? r.getUUID("target_id") : r.getUUID("source_id"));
            if (other.memoryId() != null && !memories.contains(other.memoryId())) {
                memories.add(other.memoryId());
            }
            FactView fact = new FactView(r.getUUID("id"), r.getString("type"), out ? "out" : "in", other,
                    r.getString("fact"), r.getDouble("confidence"), GraphJson.map(r.getString("attributes")),
                    r.getString("status"), r.getLocalDate("valid_from"), r.getLocalDate("valid_to"),
                    r.getUUID("superseded_by"), evidence(userId, "relationship_id", r.getUUID("id")));
            boolean holds = (fact.validFrom() == null || !fact.validFrom().isAfter(day))
                    && (fact.validTo() == null || fact.validTo().isAfter(day));
            (holds ? facts : history).add(fact);
        }
        return new About(entity, day, facts, history, memories, evidence(userId, "entity_id", entity.id()), null);
    }

    private List<EvidenceView> evidence(String userId, String column, UUID id) {
        List<EvidenceView> out = new ArrayList<>();
        for (Row r : rows("SELECT job_id, chunk_index, char_start, char_end, snippet, memory_id FROM graph_evidence "
                + "WHERE user_id = $1 AND " + column + " = $2 ORDER BY created_at LIMIT " + EVIDENCE_PER_FACT,
                userId, id)) {
            out.add(new EvidenceView(r.getString("job_id"), r.getInteger("chunk_index"), r.getInteger("char_start"),
                    r.getInteger("char_end"), r.getString("snippet"), r.getUUID("memory_id")));
        }
        return out;
    }

    private static EntityView view(Row r) {
        return new EntityView(r.getUUID("id"), r.getString("type"), r.getString("name"),
                GraphJson.map(r.getString("attributes")), Arrays.asList(r.getArrayOfStrings("aliases")),
                r.getUUID("memory_id"), r.getString("status"), r.getInteger("mention_count"));
    }

    private List<Row> rows(String sql, Object... args) {
        return bridge.await(() -> pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(args))).map(rs -> {
            List<Row> out = new ArrayList<>();
            rs.forEach(out::add);
            return out;
        }));
    }

    private static String checkType(String type) {
        EntityType t = EntityType.fromWire(type.strip());
        if (t == null) {
            List<String> allowed = Arrays.stream(EntityType.values()).map(EntityType::wireName).toList();
            throw Invalid.field("type", "must be one of " + String.join(", ", allowed));
        }
        return t.wireName();
    }

    private static LocalDate parseDate(String asOf) {
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
