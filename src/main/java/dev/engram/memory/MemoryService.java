package dev.engram.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.extract.MemoryType;
import dev.engram.platform.errors.Conflict;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.Malformed;
import dev.engram.platform.errors.NotFound;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.platform.persistence.ReactiveBridge;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user's saved memories: list, get, update (re-embedding changed content), soft delete and restore. */
@ApplicationScoped
public class MemoryService {

    private final ReactiveBridge bridge;
    private final Pool pool;
    private final ActiveEmbedder embedder;
    private final ObjectMapper json;

    MemoryService(ReactiveBridge bridge, Pool pool, ActiveEmbedder embedder, ObjectMapper json) {
        this.bridge = bridge;
        this.pool = pool;
        this.embedder = embedder;
        this.json = json;
    }

    /** A page of memories and the cursor of the next page (null on the last). */
    public record Page(List<MemoryView> memories, String nextCursor) {
    }

    public Page list(String userId, MemoryQuery q) {
        StringBuilder where = new StringBuilder("userId = :user and deletedAt is null");
        Map<String, Object> params = new HashMap<>();
        params.put("user", userId);
        if (q.type() != null) {
            where.append(" and memoryType = :type");
            params.put("type", q.type());
        }
        if (q.source() != null) {
            where.append(" and source = :source");
            params.put("source", q.source());
        }
        if (q.createdAfter() != null) {
            where.append(" and createdAt >= :after");
            params.put("after", q.createdAfter());
        }
        if (q.createdBefore() != null) {
            where.append(" and createdAt < :before");
            params.put("before", q.createdBefore());
        }
        if (q.after() != null) {
            where.append(" and (createdAt < :pc or (createdAt = :pc and id < :pid))");
            params.put("pc", q.after().createdAt());
            params.put("pid", q.after().id());
        }
        List<Memory> rows;
        if (q.tag() != null) {
            rows = listByTag(userId, q);
        } else {
            String hql = where + " order by createdAt desc, id desc";
            rows = bridge.await(() -> Panache.withSession(() -> Memory.<Memory>find(hql, params)
                    .page(0, q.limit() + 1).list()));
        }
        boolean more = rows.size() > q.limit();
        List<Memory> page = more ? rows.subList(0, q.limit()) : rows;
        String next = more ? new MemoryQuery.Position(page.get(page.size() - 1).createdAt,
                page.get(page.size() - 1).id).encode() : null;
        return new Page(page.stream().map(MemoryView::of).toList(), next);
    }

    /** Tag filters need jsonb containment, which HQL cannot say: resolve ids by SQL, load entities by id. */
    private List<Memory> listByTag(String userId, MemoryQuery q) {
        List<Object> args = new ArrayList<>(List.of(userId, "[" + quote(q.tag()) + "]"));
        StringBuilder sql = new StringBuilder("SELECT id FROM memories WHERE user_id = $1 AND deleted_at IS NULL "
                + "AND tags @> $2::text::jsonb");
        if (q.type() != null) {
            args.add(q.type());
            sql.append(" AND memory_type = $").append(args.size());
        }
        if (q.source() != null) {
            args.add(q.source());
            sql.append(" AND source = $").append(args.size());
        }
        if (q.createdAfter() != null) {
            args.add(q.createdAfter());
            sql.append(" AND created_at >= $").append(args.size());
        }
        if (q.createdBefore() != null) {
            args.add(q.createdBefore());
            sql.append(" AND created_at < $").append(args.size());
        }
        if (q.after() != null) {
            args.add(q.after().createdAt());
            int c = args.size();
            args.add(q.after().id());
            sql.append(" AND (created_at, id) < ($").append(c).append(", $").append(c + 1).append(")");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(q.limit() + 1);
        List<UUID> ids = bridge.await(() -> pool.preparedQuery(sql.toString()).execute(Tuple.from(args))
                .map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getUUID("id")));
                    return out;
                }));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Memory> loaded = bridge.await(() -> Panache.withSession(() -> Memory.<Memory>list(
                "id in ?1 order by createdAt desc, id desc", ids)));
        return loaded;
    }

    public MemoryView get(String userId, UUID id) {
        return MemoryView.of(find(userId, id, false));
    }

    public MemoryView update(String userId, UUID id, MemoryUpdate u) {
        if (u == null) {
            throw new Malformed("a JSON body with the fields to change is required");
        }
        List<String> errors = new ArrayList<>();
        if (u.content() != null && (u.content().isBlank() || u.content().length() > 10_000)) {
            errors.add("content: must be 1 to 10000 characters");
        }
        String type = null;
        if (u.memoryType() != null) {
            try {
                type = MemoryType.fromWire(u.memoryType()).wireName();
            } catch (IllegalArgumentException e) {
                errors.add("memory_type: " + e.getMessage());
            }
        }
        if (u.tags() != null && (u.tags().size() > 50 || u.tags().stream().anyMatch(t -> t == null || t.isBlank()
                || t.length() > 64))) {
            errors.add("tags: at most 50 tags of 1 to 64 characters");
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        Memory current = find(userId, id, false);
        String content = u.content() == null ? null : u.content().strip();
        String vector = content == null && type == null ? null
                : PgVectors.literal(embedder.get().embedAll(List.of(content != null ? content : current.content)).get(0));
        Tuple args = Tuple.of(id, userId).addString(content).addString(type)
                .addString(u.tags() == null ? null : write(u.tags().stream().map(String::strip).distinct().toList()))
                .addString(u.metadata() == null ? null : write(u.metadata())).addString(vector)
                .addString(vector == null ? null : embedder.get().model()).addString(u.title());
        int updated = bridge.await(() -> pool.preparedQuery("""
                UPDATE memories SET content = coalesce($3, content), memory_type = coalesce($4, memory_type),
                    tags = coalesce($5::text::jsonb, tags), metadata = coalesce($6::text::jsonb, metadata),
                    embedding = coalesce($7::text::vector, embedding),
                    embedding_model = coalesce($8, embedding_model),
                    embedding_updated_at = CASE WHEN $7 IS NULL THEN embedding_updated_at ELSE now() END,
                    title = coalesce($9, title),
                    content_hash = md5(coalesce($4, memory_type) || ':' || lower(btrim(coalesce($3, content)))),
                    updated_at = now()
                WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL""").execute(args)
                .map(r -> r.rowCount())
                .onFailure(e -> e.getMessage() != null && e.getMessage().contains("memories_user_content"))
                .transform(e -> new Conflict("another memory of yours already says exactly this")));
        if (updated == 0) {
            throw new NotFound("memory " + id);
        }
        return get(userId, id);
    }

    public void delete(String userId, UUID id) {
        int n = bridge.await(() -> pool.preparedQuery("""
                UPDATE memories SET deleted_at = now(), updated_at = now()
                WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL""").execute(Tuple.of(id, userId))
                .map(r -> r.rowCount()));
        if (n == 0) {
            throw new NotFound("memory " + id);
        }
    }

    public MemoryView restore(String userId, UUID id) {
        int n = bridge.await(() -> pool.preparedQuery("""
                UPDATE memories SET deleted_at = NULL, updated_at = now()
                WHERE id = $1 AND user_id = $2 AND deleted_at IS NOT NULL""").execute(Tuple.of(id, userId))
                .map(r -> r.rowCount())
                .onFailure(e -> e.getMessage() != null && e.getMessage().contains("memories_user_content"))
                .transform(e -> new Conflict("a memory with the same content exists; delete it first")));
        if (n == 0) {
            find(userId, id, false);
            throw new Conflict("memory " + id + " is not deleted");
        }
        return get(userId, id);
    }

    private Memory find(String userId, UUID id, boolean includeDeleted) {
        Memory m = bridge.await(() -> Panache.withSession(() -> Memory.<Memory>findById(id)));
        if (m == null || !m.userId.equals(userId)) {
            throw new NotFound("memory " + id);
        }
        return m;
    }


    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new Malformed("metadata must be a JSON object");
        }
    }

    private String quote(String s) {
        return write(s);
    }
}
