package dev.engram.memory;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code PATCH /api/v1/memories/{id}}; absent fields are kept. Content or type changes re-embed the memory.
 */
record MemoryUpdate(String content, String memoryType, List<String> tags, Map<String, Object> metadata,
        String title) {
}
