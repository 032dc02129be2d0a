package dev.engram.graph;

import dev.engram.extract.RelationType;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.persistence.ReactiveBridge;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Walks one user's graph: the neighbourhood of an entity up to three hops, and the shortest paths between two. Edges
 * are walked either way. By default only active facts between active entities count; {@code include} adds proposed
 * facts and entities, or ended (invalidated) facts; {@code as_of} takes the facts that held at that date, ended or
 * not. Merged and rejected entities, and rejected facts, are never walked.
 */
@ApplicationScoped
class GraphTraversal {

    static final int MAX_ITEMS = 200;
    static final int MAX_PATHS = 5;

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final GraphReader reader;
    private final RelationshipRepository relationshipRows;

    GraphTraversal(Pool pool, ReactiveBridge bridge, GraphReader reader, RelationshipRepository relationshipRows) {
        this.pool = pool;
        this.bridge = bridge;
        this.reader = reader;
        this.relationshipRows = relationshipRows;
    }

    /** A fact as a walk shows it. */
    public record EdgeView(UUID id, String type, UUID sourceId, UUID targetId, String fact, double confidence,
            String status, LocalDate validFrom, LocalDate validTo) {
    }

    /** An entity's neighbourhood; {@code truncated} when it had more than {@value #MAX_ITEMS} nodes or edges. */
    public record Neighbors(List<GraphReader.EntityView> nodes, List<EdgeView> edges, boolean truncated) {
    }

    /** One path: its entities from start to end and the facts between them. */
    public record PathView(List<GraphReader.EntityView> nodes, List<EdgeView> edges) {
    }

    /** The shortest paths between two entities (all of the least length, at most {@value #MAX_PATHS}). */
    public record Paths(UUID from, UUID to, List<PathView> paths) {
    }

    /** What a walk may use. */
    private record Filter(String[] statuses, Set<String> nodeStatuses, String type, LocalDate asOf) {
    }

    /** The entities and facts within {@code depth} (1 to 3) hops of entity {@code id}. */
    public Neighbors neighbors(String userId, UUID id, int depth, String type, String asOf, String include) {
        if (depth < 1 || depth > 3) {
            throw Invalid.field("depth", "must be 1 to 3");
        }
        Filter filter = filter(type, asOf, include);
        GraphReader.EntityView start = reader.entity(userId, id);
        Map<UUID, GraphReader.EntityView> nodes = new LinkedHashMap<>();
        Map<UUID, EdgeView> edges = new LinkedHashMap<>();
        Map<UUID, GraphReader.EntityView> seen = new HashMap<>();
        nodes.put(id, start);
        seen.put(id, start);
        Set<UUID> frontier = Set.of(id);
        boolean truncated = false;
        for (int hop = 0; hop < depth && !frontier.isEmpty() && !truncated; hop++) {
            Set<UUID> next = new HashSet<>();
            for (Step s : steps(userId, frontier, filter, seen)) {
                if (!nodes.containsKey(s.to().id()) && nodes.size() >= MAX_ITEMS
                        || !edges.containsKey(s.edge().id()) && edges.size() >= MAX_ITEMS) {
                    truncated = true;
                    break;
                }
                if (nodes.putIfAbsent(s.to().id(), s.to()) == null) {
                    next.add(s.to().id());
                }
                edges.putIfAbsent(s.edge().id(), s.edge());
            }
            frontier = next;
        }
        return new Neighbors(List.copyOf(nodes.values()), List.copyOf(edges.values()), truncated);
    }

    /** The shortest paths from {@code from} to {@code to} of at most {@code maxDepth} (1 to 4) hops. */
    public Paths paths(String userId, UUID from, UUID to, int maxDepth, String asOf) {
        if (from == null) {
            throw Invalid.field("from", "required, an entity id");
        }
        if (to == null) {
            throw Invalid.field("to", "required, an entity id");
        }
        if (from.equals(to)) {
            throw Invalid.field("to", "must be another entity than from");
        }
        if (maxDepth < 1 || maxDepth > 4) {
            throw Invalid.field("max_depth", "must be 1 to 4");
        }
        Filter filter = filter(null, asOf, null);
        Map<UUID, GraphReader.EntityView> nodes = new HashMap<>();
        nodes.put(from, reader.entity(userId, from));
        nodes.put(to, reader.entity(userId, to));
        // Breadth first, each entity with every step that reaches it at its least depth.
        Map<UUID, List<Step>> reachedBy = new HashMap<>();
        reachedBy.put(from, List.of());
        Set<UUID> frontier = Set.of(from);
        for (int hop = 0; hop < maxDepth && !frontier.isEmpty() && !reachedBy.containsKey(to); hop++) {
            Map<UUID, List<Step>> level = new HashMap<>();
            for (Step s : steps(userId, frontier, filter, nodes)) {
                if (!reachedBy.containsKey(s.to().id()) && level.size() < MAX_ITEMS * 5) {
                    level.computeIfAbsent(s.to().id(), k -> new ArrayList<>()).add(s);
                }
            }
            reachedBy.putAll(level);
            frontier = level.keySet();
        }
        List<PathView> paths = new ArrayList<>();
        if (reachedBy.containsKey(to)) {
            collect(to, reachedBy, new ArrayDeque<>(), paths, nodes);
        }
        return new Paths(from, to, paths);
    }

    /** Walks back from {@code at} to the start, one path per choice of step, until {@value #MAX_PATHS}. */
    private void collect(UUID at, Map<UUID, List<Step>> reachedBy, Deque<Step> tail, List<PathView> out,
            Map<UUID, GraphReader.EntityView> nodes) {
        if (out.size() >= MAX_PATHS) {
            return;
        }
        List<Step> steps = reachedBy.get(at);
        if (steps.isEmpty()) {
            List<GraphReader.EntityView> path = new ArrayList<>(List.of(nodes.get(at)));
            List<EdgeView> edges = new ArrayList<>();
            tail.forEach(s -> {
                path.add(s.to());
                edges.add(s.edge());
            });
            out.add(new PathView(path, edges));
            return;
        }
        for (Step s : steps) {
            tail.push(s);
            collect(s.from(), reachedBy, tail, out, nodes);
            tail.pop();
        }
    }

    /** One hop: from an entity, along a fact, to an entity the filter admits. */
    private record Step(UUID from, EdgeView edge, GraphReader.EntityView to) {
    }

    /** The hops out of {@code frontier} that {@code filter} admits; {@code known} caches the entities seen. */
    private List<Step> steps(String userId, Set<UUID> frontier, Filter filter,
            Map<UUID, GraphReader.EntityView> known) {
        List<RelationshipRepository.Stored> facts = bridge.await(() -> relationshipRows.touching(pool, userId,
                frontier, filter.statuses(), filter.type(), filter.asOf()));
        Set<UUID> missing = new HashSet<>();
        facts.forEach(f -> {
            missing.add(f.sourceId());
            missing.add(f.targetId());
        });
        missing.removeAll(known.keySet());
        known.putAll(reader.entities(userId, missing));
        List<Step> out = new ArrayList<>();
        for (RelationshipRepository.Stored f : facts) {
            EdgeView edge = new EdgeView(f.id(), f.type(), f.sourceId(), f.targetId(), f.fact(), f.confidence(),
                    f.status(), f.validFrom(), f.validTo());
            GraphReader.EntityView source = known.get(f.sourceId());
            GraphReader.EntityView target = known.get(f.targetId());
            if (!admits(filter, source) || !admits(filter, target)) {
                continue;
            }
            if (frontier.contains(f.sourceId())) {
                out.add(new Step(f.sourceId(), edge, target));
            }
            if (frontier.contains(f.targetId())) {
                out.add(new Step(f.targetId(), edge, source));
            }
        }
        return out;
    }

    private static boolean admits(Filter filter, GraphReader.EntityView e) {
        return e != null && filter.nodeStatuses().contains(e.status());
    }

    private static Filter filter(String type, String asOf, String include) {
        String relation = null;
        if (type != null && !type.isBlank()) {
            RelationType t = RelationType.fromWire(type.strip());
            if (t == null) {
                throw Invalid.field("type", "must be one of " + String.join(", ", Arrays.stream(RelationType.values())
                        .map(RelationType::wireName).toList()));
            }
            relation = t.wireName();
        }
        Set<String> extra = new HashSet<>();
        if (include != null && !include.isBlank()) {
            for (String part : include.split(",")) {
                String p = part.strip();
                if (!p.equals("proposed") && !p.equals("invalidated")) {
                    throw Invalid.field("include", "must list proposed, invalidated");
                }
                extra.add(p);
            }
        }
        LocalDate day = asOf == null || asOf.isBlank() ? null : GraphReader.parseDate(asOf);
        List<String> statuses = new ArrayList<>(List.of("active"));
        if (extra.contains("proposed")) {
            statuses.add("proposed");
        }
        // A date looks at what held then, which includes facts that have ended since.
        if (extra.contains("invalidated") || day != null) {
            statuses.add("invalidated");
        }
        Set<String> nodeStatuses = extra.contains("proposed") ? Set.of("active", "proposed") : Set.of("active");
        return new Filter(statuses.toArray(String[]::new), nodeStatuses, relation, day);
    }
}
