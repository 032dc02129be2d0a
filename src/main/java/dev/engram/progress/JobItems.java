package dev.engram.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps jobs to and from DynamoDB items and builds the table's keys (single-table layout: pk JOB#id, sk JOB; chunk
 * outcomes under sk CHUNK#n, page ranges under sk RANGE#n; idempotency keys under pk IDEM#user#key, sk IDEM).
 */
final class JobItems {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String GSI_USER = "by_user";
    static final String GSI_PK = "gsi1pk";
    static final String GSI_SK = "gsi1sk";
    static final String TTL = "expires_at";
    static final String JOB_SK = "JOB";

    private JobItems() {
    }

    static Map<String, AttributeValue> key(String taskId) {
        return Map.of(PK, jobPartition(taskId), SK, s(JOB_SK));
    }

    /** The partition of a job: its record, chunk markers and range markers. */
    static AttributeValue jobPartition(String taskId) {
        return s("JOB#" + taskId);
    }

    static Map<String, AttributeValue> chunkKey(String taskId, int chunkIndex) {
        return Map.of(PK, jobPartition(taskId), SK, s(String.format("CHUNK#%06d", chunkIndex)));
    }

    static Map<String, AttributeValue> rangeKey(String taskId, int rangeIndex) {
        return Map.of(PK, jobPartition(taskId), SK, s(String.format("RANGE#%05d", rangeIndex)));
    }

    static Map<String, AttributeValue> idempotencyKey(String userId, String key) {
        return Map.of(PK, s("IDEM#" + userId + "#" + key), SK, s("IDEM"));
    }

    static String userPartition(String userId) {
        return "USER#" + userId;
    }

    static Map<String, AttributeValue> toItem(Job job, long expiresAtEpochSeconds) {
        Map<String, AttributeValue> item = new HashMap<>(key(job.taskId()));
        item.put(GSI_PK, s(userPartition(job.userId())));
        item.put(GSI_SK, s(job.createdAt().toString() + "#" + job.taskId()));
        item.put(TTL, n(expiresAtEpochSeconds));
        item.put("task_id", s(job.taskId()));
        item.put("extraction_id", s(job.extractionId()));
        item.put("user_id", s(job.userId()));
        item.put("source", s(job.source()));
        putIfPresent(item, "source_id", job.sourceId());
        putIfPresent(item, "input_key", job.inputKey());
        putIfPresent(item, "content_type", job.contentType());
        item.put("state", s(job.state()));
        item.put("stage", s(job.stage()));
        item.put("extraction_status", s(job.extractionStatus()));
        if (job.totalChunks() != null) {
            item.put("total_chunks", n(job.totalChunks()));
        }
        item.put("chunks_done", n(job.chunksDone()));
        item.put("chunks_failed", n(job.chunksFailed()));
        item.put("memories_extracted", n(job.memoriesExtracted()));
        putIfPresent(item, "error", job.error());
        item.put("split_done", AttributeValue.fromBool(job.splitDone()));
        item.put("created_at", s(job.createdAt().toString()));
        item.put("updated_at", s(job.updatedAt().toString()));
        JobOptions o = job.options();
        item.put("extract_types", AttributeValue.fromL(o.extractTypes().stream().map(JobItems::s).toList()));
        putIfPresent(item, "reference_date", o.referenceDate());
        item.put("timezone", s(o.timezone()));
        item.put("auto_save", AttributeValue.fromBool(o.autoSave()));
        return item;
    }

    static Job fromItem(Map<String, AttributeValue> item) {
        List<String> types = new ArrayList<>();
        if (item.containsKey("extract_types")) {
            item.get("extract_types").l().forEach(v -> types.add(v.s()));
        }
        var options = new JobOptions(types, str(item, "reference_date"), str(item, "timezone"),
                bool(item, "auto_save"));
        return new Job(str(item, "task_id"), str(item, "extraction_id"), str(item, "user_id"), str(item, "source"),
                str(item, "source_id"), str(item, "input_key"), str(item, "content_type"),
                JobState.fromWire(str(item, "state")), JobStage.fromWire(str(item, "stage")),
                ExtractionStatus.fromWire(str(item, "extraction_status")),
                item.containsKey("total_chunks") ? Integer.valueOf(item.get("total_chunks").n()) : null,
                num(item, "chunks_done"), num(item, "chunks_failed"), num(item, "memories_extracted"),
                str(item, "error"), options, bool(item, "split_done"),
                Instant.parse(str(item, "created_at")), Instant.parse(str(item, "updated_at")),
                item.containsKey("ranges_total") ? new Job.PageProgress(num(item, "ranges_total"),
                        num(item, "ranges_done"), num(item, "pages_total"), num(item, "pages_done"))
                        : Job.PageProgress.NONE);
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue s(JobState state) {
        return s(state.wire());
    }

    static AttributeValue s(JobStage stage) {
        return s(stage.wire());
    }

    static AttributeValue s(ChunkOutcome outcome) {
        return s(outcome.wire());
    }

    static AttributeValue s(ExtractionStatus status) {
        return s(status.wire());
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static int num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }
}
