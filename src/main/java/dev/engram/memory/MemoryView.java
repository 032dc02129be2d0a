package dev.engram.memory;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.engram.platform.persistence.JsonColumns;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A saved memory as the API shows it, with the provenance it links back to.
 *
 * @param source where it came from: the job that extracted it, its chunk and page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MemoryView(UUID id, String content, String title, String memoryType, List<String> tags,
        Map<String, Object> metadata, Float confidence, Provenance source, String embeddingStatus,
        String embeddingModel, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime accessedAt,
        OffsetDateTime deletedAt) {

    /** Where a memory came from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provenance(String kind, String sourceId, String taskId, String extractionId, Integer chunkIndex,
            Integer page) {
    }

    public static MemoryView of(Memory m) {
        return new MemoryView(m.id, m.content, m.title, m.memoryType, JsonColumns.strings(m.tagsJson),
                JsonColumns.object(m.metadataJson), m.confidence,
                new Provenance(m.source, m.sourceId, m.jobId, m.extractionId, m.chunkIndex, m.page),
                m.embeddingStatus, m.embeddingModel, m.createdAt, m.updatedAt, m.accessedAt, m.deletedAt);
    }
}
