package dev.engram.review;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A memory proposed by extraction, waiting for its owner's review. The embedding column is written by SQL only. */
@Entity
@Table(name = "pending_memories")
public class PendingMemory extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "extraction_id")
    public String extractionId;
    @Column(name = "job_id")
    public String jobId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "chunk_index")
    public int chunkIndex;
    public int ordinal;
    public String content;
    @Column(name = "memory_type")
    public String memoryType;
    public float confidence;
    /** JSON object text; jsonb is read as text because Hibernate Reactive maps only JSON objects, not arrays. */
    @ColumnTransformer(read = "metadata::text")
    @Column(name = "metadata", insertable = false, updatable = false)
    public String metadataJson;
    /** JSON array text. */
    @ColumnTransformer(read = "tags::text")
    @Column(name = "tags", insertable = false, updatable = false)
    public String tagsJson;
    public String status;
    @Column(name = "duplicate_of")
    public UUID duplicateOf;
    @Column(name = "memory_id")
    public UUID memoryId;
    @Column(name = "source_start")
    public Integer sourceStart;
    @Column(name = "source_end")
    public Integer sourceEnd;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
