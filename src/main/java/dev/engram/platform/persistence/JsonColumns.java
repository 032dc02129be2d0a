package dev.engram.platform.persistence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Reads jsonb columns that entities carry as text. */
public final class JsonColumns {

    private JsonColumns() {
    }

    public static Map<String, Object> object(String json) {
        return json == null || json.isBlank() ? Map.of() : new JsonObject(json).getMap();
    }

    public static List<String> strings(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return new JsonArray(json).stream().map(String::valueOf).toList();
    }
}
