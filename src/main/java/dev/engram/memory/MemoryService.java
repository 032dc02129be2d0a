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
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user's saved memories: list, get, update (re-embedding changed content), soft delete and restore. */
@ApplicationScoped
class MemoryService {

    private final ReactiveBridge bridge;
    private final Pool pool;
    private final ActiveEmbedder embedder;
    private final ObjectMapper json;
    private final MemoryRepository repository;

    MemoryService(ReactiveBridge bridge, Pool pool, ActiveEmbedder embedder, ObjectMapper json,
            MemoryRepository repository) {
        this.repository = repository;
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
            rows = bridge.await(() -> repository.findPage(where.toString(), params, q.limit() + 1));
        }
        boolean more = rows.size() > q.limit();
        List<Memory> page = more ? rows.subList(0, q.limit()) : rows;
        String next = more ? new MemoryQuery.Position(page.get(page.size() - 1).createdAt,
                page.get(page.size() - 1).id).encode() : null;
        return new Page(page.stream().map(MemoryView::of).toList(), next);
    }

    /** Tag filters need jsonb containment, which HQL cannot say: resolve ids by SQL, load entities by id. */
    private List<Memory> listByTag(String userId, MemoryQuery q) {
        List<UUID> ids = bridge.await(() -> repository.idsByTag(pool, userId, "[" + quote(q.tag()) + "]", q,
                q.limit() + 1));
        if (ids.isEmpty()) {
            return List.of();
        }
        return bridge.await(() -> repository.findByIds(ids));
    }

    public MemoryView get(String userId, UUID id) {
        return MemoryView.of(find(userId, id, false));
    }

    public MemoryView update(String userId, UUID id, MemoryUpdate u) {
        if (u == null) {
            throw new Malformed("a JSON body with the fields to change is required");
        }
        List<String> errors = new ArrayList<>();
        if (u.content() != null && (u.content().isBlank() || u.content().length() > MemoryRepository.MAX_CONTENT)) {
            errors.add("content: must be 1 to " + MemoryRepository.MAX_CONTENT + " characters");
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
        String newType = type;
        String tags = u.tags() == null ? null : write(u.tags().stream().map(String::strip).distinct().toList());
        String metadata = u.metadata() == null ? null : write(u.metadata());
        String model = vector == null ? null : embedder.get().model();
        int updated = bridge.await(() -> repository.update(pool, id, userId, content, newType, tags, metadata, vector,
                model, u.title())
                .onFailure(e -> e.getMessage() != null && e.getMessage().contains("memories_user_content"))
                .transform(e -> new Conflict("another memory of yours already says exactly this")));
        if (updated == 0) {
            throw new NotFound("memory " + id);
        }
        return get(userId, id);
    }

    public void delete(String userId, UUID id) {
        int n = bridge.await(() -> repository.softDelete(pool, id, userId));
        if (n == 0) {
            throw new NotFound("memory " + id);
        }
    }

    public MemoryView restore(String userId, UUID id) {
        int n = bridge.await(() -> repository.restore(pool, id, userId)
                .onFailure(e -> e.getMessage() != null && e.getMessage().contains("memories_user_content"))
                .transform(e -> new Conflict("a memory with the same content exists; delete it first")));
        if (n == 0) {
            find(userId, id, false);
            throw new Conflict("memory " + id + " is not deleted");
        }
        return get(userId, id);
    }

    private Memory find(String userId, UUID id, boolean includeDeleted) {
        Memory m = bridge.await(() -> repository.findById(id));
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
