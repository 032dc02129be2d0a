package dev.engram.memory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A saved memory. The embedding column is written and searched by SQL only (pgvector). */
@Entity
@Table(name = "memories")
public class Memory extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "user_id")
    public String userId;
    public String content;
    public String title;
    @Column(name = "memory_type")
    public String memoryType;
    public String source;
    @Column(name = "source_id")
    public String sourceId;
    /** JSON array text; jsonb is read as text because Hibernate Reactive maps only JSON objects, not arrays. */
    @ColumnTransformer(read = "tags::text")
    @Column(name = "tags", insertable = false, updatable = false)
    public String tagsJson;
    /** JSON object text. */
    @ColumnTransformer(read = "metadata::text")
    @Column(name = "metadata", insertable = false, updatable = false)
    public String metadataJson;
    public Float confidence;
    @Column(name = "embedding_status")
    public String embeddingStatus;
    @Column(name = "embedding_model")
    public String embeddingModel;
    @Column(name = "embedding_updated_at")
    public OffsetDateTime embeddingUpdatedAt;
    @Column(name = "conversation_id")
    public String conversationId;
    @Column(name = "job_id")
    public String jobId;
    @Column(name = "extraction_id")
    public String extractionId;
    @Column(name = "chunk_index")
    public Integer chunkIndex;
    public Integer page;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "accessed_at")
    public OffsetDateTime accessedAt;
    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;
}
