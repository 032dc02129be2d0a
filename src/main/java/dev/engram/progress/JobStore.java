package dev.engram.progress;

import static dev.engram.progress.JobItems.n;
import static dev.engram.progress.JobItems.s;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Job records in DynamoDB: creating, reading and moving a job through its states. Every change is a conditional
 * write, so a job finishes once per outcome. Its chunk counts are {@link ChunkLedger}'s, its page ranges
 * {@link PageRangeLedger}'s.
 */
@ApplicationScoped
public class JobStore {

    private final JobTable table;

    JobStore(DynamoDbClient dynamo, JobTableSettings settings) {
        this.table = new JobTable(dynamo, settings);
    }

    /** The table's name. */
    public String table() {
        return table.name();
    }

    /** Records a new job; false if a job with that id already exists. */
    public boolean create(Job job) {
        try {
            table.dynamo().putItem(b -> b.tableName(table()).item(JobItems.toItem(job, table.expiry()))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A job by id, read consistently. */
    public Optional<Job> find(String taskId) {
        return table.find(taskId);
    }

    /** Several jobs by id in consistent BatchGetItem calls; the ones that no longer exist are absent. */
    public Map<String, Job> findAll(Collection<String> taskIds) {
        Map<String, Job> found = new HashMap<>();
        for (var item : table.consistentBatchGet(new TreeSet<>(taskIds).stream().map(JobItems::key).toList())) {
            if (item.containsKey("state")) {
                Job job = JobItems.fromItem(item);
                found.put(job.taskId(), job);
            }
        }
        return found;
    }

    /** A job by id if it belongs to {@code userId}; another user's job is indistinguishable from none. */
    public Optional<Job> findOwned(String taskId, String userId) {
        if (!JobIds.isTaskId(taskId)) {
            return Optional.empty();
        }
        return find(taskId).filter(j -> j.userId().equals(userId));
    }

    /** A user's jobs, newest first. */
    public JobPage listForUser(String userId, int limit, String cursor) {
        var request = QueryRequest.builder()
                .tableName(table()).indexName(JobItems.GSI_USER)
                .keyConditionExpression("gsi1pk = :u")
                .expressionAttributeValues(Map.of(":u", s(JobItems.userPartition(userId))))
                .scanIndexForward(false).limit(limit);
        if (cursor != null && JobIds.isTaskId(cursor)) {
            var from = find(cursor).filter(j -> j.userId().equals(userId));
            if (from.isPresent()) {
                Map<String, AttributeValue> start = new HashMap<>(JobItems.key(cursor));
                start.put(JobItems.GSI_PK, s(JobItems.userPartition(userId)));
                start.put(JobItems.GSI_SK, s(from.get().createdAt() + "#" + cursor));
                request.exclusiveStartKey(start);
            }
        }
        var result = table.dynamo().query(request.build());
        List<Job> jobs = result.items().stream().map(JobItems::fromItem).toList();
        String next = result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty() && !jobs.isEmpty()
                ? jobs.get(jobs.size() - 1).taskId() : null;
        return new JobPage(jobs, next);
    }

    /** One page of a user's jobs and the cursor of the next. */
    public record JobPage(List<Job> jobs, String nextCursor) {
    }

    /**
     * Marks a job as being split into {@code totalChunks}. Returns false when the job is no longer pending or
     * processing (cancelled, failed), so the caller stops.
     */
    public boolean startProcessing(String taskId, int totalChunks, String contentType) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s(JobState.PROCESSING),
                ":pending", s(JobState.PENDING), ":t", n(totalChunks), ":stage", s(JobStage.EXTRACTING),
                ":now", s(table.now())));
        if (contentType != null) {
            values.put(":ct", s(contentType));
        }
        String set = "SET #s = :p, stage = :stage, total_chunks = :t, updated_at = :now"
                + (contentType != null ? ", content_type = :ct" : "");
        try {
            table.dynamo().updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression(set)
                    .conditionExpression("attribute_exists(pk) AND (#s = :pending OR #s = :p)")
                    .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Marks a pending upload job as waiting for its object until {@code expiresAt} (its presigned URL's expiry; a
     * URL issued again for the same job extends it). Past it, the schedule fails the job.
     */
    public void awaitUpload(String taskId, Instant expiresAt) {
        try {
            table.dynamo().updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET stage = :stage, upload_expires_at = :x, updated_at = :now")
                    .conditionExpression("#s = :pending")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(":stage", s(JobStage.AWAITING_UPLOAD),
                            ":x", s(expiresAt.toString()), ":now", s(table.now()), ":pending", s(JobState.PENDING))));
        } catch (ConditionalCheckFailedException e) {
            // started or finished meanwhile: nothing to wait for
        }
    }

    /** Fails an upload job still pending after its URL expired; false when its object arrived meanwhile. */
    public boolean expireUpload(String taskId) {
        return failPending(taskId, "upload_expires_at < :now", Map.of(),
                "the file was never uploaded before its upload URL expired");
    }

    /**
     * Fails a job left pending in the {@code queued} stage past {@link JobTableSettings#queuedTimeout()}: its split
     * request was never sent. False if it moved on meanwhile.
     */
    public boolean failNeverQueued(String taskId) {
        return failPending(taskId, "stage = :queued AND updated_at < :stale",
                Map.of(":queued", s(JobStage.QUEUED), ":stale", s(stale())),
                "the job was never started: its submission was interrupted before it was queued; please submit it "
                        + "again");
    }

    /**
     * Fails a pending job that also meets {@code condition} (over {@code values}), with the reason; its extraction
     * leaves {@code processing} in the same write. False if the job is no longer pending or no longer meets it.
     */
    private boolean failPending(String taskId, String condition, Map<String, AttributeValue> values, String reason) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.putAll(Map.of(":failed", s(JobState.FAILED), ":e", s(reason), ":stage", s(JobStage.DONE),
                ":now", s(table.now()), ":pending", s(JobState.PENDING), ":x", s(ExtractionStatus.PENDING_REVIEW)));
        try {
            table.dynamo().updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET #s = :failed, #e = :e, stage = :stage, updated_at = :now, "
                            + "extraction_status = :x")
                    .conditionExpression("#s = :pending AND " + condition)
                    .expressionAttributeNames(Map.of("#s", "state", "#e", "error"))
                    .expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Sets the stage shown in progress while a job is still running. */
    public void setStage(String taskId, JobStage stage) {
        try {
            table.dynamo().updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET stage = :stage, updated_at = :now")
                    .conditionExpression("attribute_exists(pk) AND (#s = :pending OR #s = :p)")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(":stage", s(stage), ":now", s(table.now()),
                            ":pending", s(JobState.PENDING), ":p", s(JobState.PROCESSING))));
        } catch (ConditionalCheckFailedException e) {
            // finished meanwhile: nothing to show
        }
    }

    /** Records that every chunk message was sent; a no-op on a purged job (never a stub record). */
    public void markSplitDone(String taskId) {
        try {
            table.dynamo().updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET split_done = :t, updated_at = :now").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":now", s(table.now()))));
        } catch (ConditionalCheckFailedException e) {
            // purged meanwhile
        }
    }

    /**
     * Finishes a job whose chunks are all accounted for. The transition is conditional, so it happens once per
     * outcome; a redrive that clears the last failure moves {@code completed_with_errors} to {@code completed}.
     *
     * @return the finished job when this call made the transition, else empty
     */
    public Optional<Job> finishIfComplete(Job job) {
        if (job.totalChunks() == null || job.chunksDone() + job.chunksFailed() < job.totalChunks()
                || job.pages().parsing()) {
            return Optional.empty();
        }
        JobState target = job.chunksFailed() == 0 ? JobState.COMPLETED
                : job.chunksDone() == 0 ? JobState.FAILED : JobState.COMPLETED_WITH_ERRORS;
        // A redriven chunk that succeeds may lift a job its failed chunks had finished: failed (every chunk had
        // failed) -> completed_with_errors or completed, completed_with_errors -> completed. Never twice.
        String fromFailedChunks = "(#s = :failed AND attribute_exists(total_chunks))";
        String condition = switch (target) {
            case COMPLETED -> "(#s = :processing OR #s = :cwe OR " + fromFailedChunks + ") AND chunks_failed = :zero";
            case COMPLETED_WITH_ERRORS -> "(#s = :processing OR " + fromFailedChunks + ")";
            default -> "#s = :processing";
        } + " AND (attribute_not_exists(ranges_total) OR ranges_done = ranges_total)";
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":target", s(target),
                ":processing", s(JobState.PROCESSING), ":now", s(table.now()), ":stage", s(JobStage.DONE)));
        if (target != JobState.FAILED) {
            values.put(":failed", s(JobState.FAILED));
        }
        if (target == JobState.COMPLETED) {
            values.put(":zero", n(0));
            values.put(":cwe", s(JobState.COMPLETED_WITH_ERRORS));
        }
        String update = "SET #s = :target, stage = :stage, updated_at = :now";
        if (target == JobState.COMPLETED) {
            update += " REMOVE #e";
        }
        var finalUpdate = update;
        try {
            var after = table.dynamo().updateItem(b -> b.tableName(table()).key(JobItems.key(job.taskId()))
                    .updateExpression(finalUpdate).conditionExpression(condition)
                    .expressionAttributeNames(target == JobState.COMPLETED ? Map.of("#s", "state", "#e", "error")
                            : Map.of("#s", "state"))
                    .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW));
            return Optional.of(JobItems.fromItem(after.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * Fails a job that has not finished, with the reason; false if it had already finished. Its extraction leaves
     * {@code processing} in the same write: {@code pending_review}, with whatever it stored (often nothing) and the
     * job's error, as when every chunk of a job failed.
     */
    public boolean fail(String taskId, String reason) {
        return stop(taskId, JobState.FAILED, JobTable.truncate(reason, 1000));
    }

    /**
     * Cancels a job that has not finished; false if it had. Its remaining chunks are skipped; what its processed
     * chunks stored waits for review ({@code pending_review}), set in the same write.
     */
    public boolean cancel(String taskId) {
        return stop(taskId, JobState.CANCELLED, "cancelled by its owner");
    }

    /**
     * Moves a job that has not finished to {@code state} with {@code error}, and its extraction to
     * {@code pending_review}, in one write; false if it had finished.
     */
    private boolean stop(String taskId, JobState state, String error) {
        try {
            table.dynamo().updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET #s = :state, #e = :e, stage = :stage, updated_at = :now, "
                            + "extraction_status = :x")
                    .conditionExpression("#s = :pending OR #s = :processing")
                    .expressionAttributeNames(Map.of("#s", "state", "#e", "error"))
                    .expressionAttributeValues(Map.of(":state", s(state), ":e", s(error),
                            ":stage", s(JobStage.DONE), ":now", s(table.now()), ":pending", s(JobState.PENDING),
                            ":processing", s(JobState.PROCESSING), ":x", s(ExtractionStatus.PENDING_REVIEW))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Jobs a crash may have left unsettled: still processing, or finished with their review status still
     * {@code processing}; upload jobs whose presigned URL expired unused; and jobs pending in the {@code queued}
     * stage for longer than {@link JobTableSettings#queuedTimeout()}. A consistent scan of the table, at most
     * {@code limit} job records per call, resuming from {@code cursor} (null to start); the schedule's sweeper walks
     * it.
     */
    public ScanPage unsettled(int limit, Map<String, AttributeValue> cursor) {
        var result = table.dynamo().scan(b -> b.tableName(table()).consistentRead(true).limit(limit)
                .filterExpression("sk = :job AND (#s = :processing OR (extraction_status = :xp AND #s <> :cancelled)"
                        + " OR (#s = :pending AND upload_expires_at < :now)"
                        + " OR (#s = :pending AND stage = :queued AND updated_at < :stale))")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":job", s(JobItems.JOB_SK), ":processing", s(JobState.PROCESSING),
                        ":xp", s(ExtractionStatus.PROCESSING), ":cancelled", s(JobState.CANCELLED),
                        ":pending", s(JobState.PENDING), ":now", s(table.now()), ":queued", s(JobStage.QUEUED),
                        ":stale", s(stale())))
                .exclusiveStartKey(cursor));
        List<Job> found = result.items().stream().map(JobItems::fromItem).toList();
        return new ScanPage(found, result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty()
                ? result.lastEvaluatedKey() : null);
    }

    /** One page of a scan and where the next starts (null at the end). */
    public record ScanPage(List<Job> jobs, Map<String, AttributeValue> next) {
    }

    /** Deletes a job's record with its chunk and range outcomes. */
    public void delete(String taskId) {
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = table.dynamo().query(b -> b.tableName(table()).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", JobItems.jobPartition(taskId)))
                    .projectionExpression("pk, sk").exclusiveStartKey(from));
            for (var item : page.items()) {
                table.dynamo().deleteItem(b -> b.tableName(table()).key(Map.of(JobItems.PK, item.get(JobItems.PK),
                        JobItems.SK, item.get(JobItems.SK))));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /**
     * Marks a job's extraction {@code expired} when it was waiting for review; false when it was not (reviewed,
     * auto-saved, still processing) or the job is gone.
     */
    public boolean expireExtraction(String taskId) {
        try {
            table.dynamo().updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET extraction_status = :expired, updated_at = :now")
                    .conditionExpression("extraction_status = :pending")
                    .expressionAttributeValues(Map.of(":expired", s(ExtractionStatus.EXPIRED),
                            ":pending", s(ExtractionStatus.PENDING_REVIEW), ":now", s(table.now()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Sets the review status of a job's extraction; a no-op on a purged job (never a stub record). */
    public void setExtractionStatus(String taskId, ExtractionStatus status) {
        try {
            table.dynamo().updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET extraction_status = :x, updated_at = :now")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":x", s(status), ":now", s(table.now()))));
        } catch (ConditionalCheckFailedException e) {
            // purged meanwhile
        }
    }

    /** Before this, a job still pending in the {@code queued} stage was never queued. */
    private String stale() {
        return table.instant().minus(table.settings().queuedTimeout()).toString();
    }
}
