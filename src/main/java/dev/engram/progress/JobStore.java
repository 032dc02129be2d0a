package dev.engram.progress;

import static dev.engram.progress.JobItems.n;
import static dev.engram.progress.JobItems.s;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Job records and their counters in DynamoDB. Every change is a conditional write, so a message delivered twice
 * never counts twice and a job finishes once per outcome.
 */
@ApplicationScoped
public class JobStore {

    /** The stage of a job accepted and not yet picked up by the split stage. */
    private static final String QUEUED = "queued";

    private final DynamoDbClient dynamo;
    private final JobTableSettings settings;
    private final Clock clock;

    JobStore(DynamoDbClient dynamo, JobTableSettings settings) {
        this.dynamo = dynamo;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    /** The table's name. */
    public String table() {
        return settings.table();
    }

    /** Records a new job; false if a job with that id already exists. */
    public boolean create(Job job) {
        try {
            dynamo.putItem(b -> b.tableName(table()).item(JobItems.toItem(job, expiry()))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A job by id, read consistently. */
    public Optional<Job> find(String taskId) {
        var item = dynamo.getItem(b -> b.tableName(table()).key(JobItems.key(taskId)).consistentRead(true)).item();
        // A record without a state is the stub an unconditional write left after a purge: no job.
        return item == null || !item.containsKey("state") ? Optional.empty() : Optional.of(JobItems.fromItem(item));
    }

    /** Several jobs by id in consistent BatchGetItem calls; the ones that no longer exist are absent. */
    public Map<String, Job> findAll(Collection<String> taskIds) {
        Map<String, Job> found = new HashMap<>();
        for (var item : consistentBatchGet(new TreeSet<>(taskIds).stream().map(JobItems::key).toList())) {
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
        var request = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder()
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
        var result = dynamo.query(request.build());
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
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s("processing"), ":pending", s("pending"),
                ":t", n(totalChunks), ":stage", s("extracting"), ":now", s(now())));
        if (contentType != null) {
            values.put(":ct", s(contentType));
        }
        String set = "SET #s = :p, stage = :stage, total_chunks = :t, updated_at = :now"
                + (contentType != null ? ", content_type = :ct" : "");
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression(set)
                    .conditionExpression("attribute_exists(pk) AND (#s = :pending OR #s = :p)")
                    .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Plans the parsing of a big PDF in {@code ranges} page ranges: the job is processing, its chunk total grows as
     * each range is chunked. False when the job is no longer pending or processing, or was already planned.
     */
    public boolean planRanges(String taskId, int ranges, int pages) {
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET #s = :p, stage = :stage, total_chunks = :zero, ranges_total = :r, "
                            + "ranges_done = :zero, pages_total = :pages, pages_done = :zero, updated_at = :now")
                    .conditionExpression("attribute_exists(pk) AND (#s = :pending OR #s = :p) "
                            + "AND attribute_not_exists(ranges_total)")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(":p", s("processing"), ":pending", s("pending"),
                            ":stage", s("parsing"), ":zero", n(0), ":r", n(ranges), ":pages", n(pages),
                            ":now", s(now()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Counts one page range as parsed into {@code chunks} chunks, once.
     *
     * @return the job after counting, or empty when this range had already been counted
     */
    public Optional<Job> recordRange(String taskId, int rangeIndex, int chunks, int pages) {
        Map<String, AttributeValue> marker = new HashMap<>(rangeKey(taskId, rangeIndex));
        marker.put("chunks", n(chunks));
        marker.put("sent", AttributeValue.fromBool(false));
        marker.put(JobItems.TTL, n(expiry()));
        var cancelled = transactCounting(TransactWriteItem.builder().put(p -> p.tableName(table()).item(marker)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                updateJob(taskId, "ADD total_chunks :c, ranges_done :one, pages_done :pages "
                                + "SET updated_at = :now, stage = :stage",
                        Map.of(":c", n(chunks), ":one", n(1), ":pages", n(pages), ":now", s(now()),
                                ":stage", s("extracting"))));
        return cancelled.isPresent() ? Optional.empty() : find(taskId);
    }

    /** Whether a range's chunk messages were all sent. */
    public boolean isRangeSent(String taskId, int rangeIndex) {
        var item = dynamo.getItem(b -> b.tableName(table()).key(rangeKey(taskId, rangeIndex)).consistentRead(true))
                .item();
        return item != null && item.containsKey("sent") && Boolean.TRUE.equals(item.get("sent").bool());
    }

    /**
     * Records that a range's chunk messages were all sent. Only on a recorded range: after a purge the write is a
     * no-op instead of a marker without an expiry.
     */
    public void markRangeSent(String taskId, int rangeIndex) {
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(rangeKey(taskId, rangeIndex))
                    .updateExpression("SET sent = :t").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException e) {
            // purged meanwhile
        }
    }

    private static Map<String, AttributeValue> rangeKey(String taskId, int rangeIndex) {
        return Map.of(JobItems.PK, s("JOB#" + taskId), JobItems.SK, s(String.format("RANGE#%05d", rangeIndex)));
    }

    /**
     * Marks a pending upload job as waiting for its object until {@code expiresAt} (its presigned URL's expiry; a
     * URL issued again for the same job extends it). Past it, the schedule fails the job.
     */
    public void awaitUpload(String taskId, Instant expiresAt) {
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET stage = :stage, upload_expires_at = :x, updated_at = :now")
                    .conditionExpression("#s = :pending")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(":stage", s("awaiting_upload"), ":x", s(expiresAt.toString()),
                            ":now", s(now()), ":pending", s("pending"))));
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
                Map.of(":queued", s(QUEUED), ":stale", s(stale())),
                "the job was never started: its submission was interrupted before it was queued; please submit it "
                        + "again");
    }

    /**
     * Fails a pending job that also meets {@code condition} (over {@code values}), with the reason; its extraction
     * leaves {@code processing} in the same write. False if the job is no longer pending or no longer meets it.
     */
    private boolean failPending(String taskId, String condition, Map<String, AttributeValue> values, String reason) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.putAll(Map.of(":failed", s("failed"), ":e", s(reason), ":stage", s("done"), ":now", s(now()),
                ":pending", s("pending"), ":x", s(ExtractionStatus.PENDING_REVIEW.wire())));
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
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
    public void setStage(String taskId, String stage) {
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET stage = :stage, updated_at = :now")
                    .conditionExpression("attribute_exists(pk) AND (#s = :pending OR #s = :p)")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(":stage", s(stage), ":now", s(now()),
                            ":pending", s("pending"), ":p", s("processing"))));
        } catch (ConditionalCheckFailedException e) {
            // finished meanwhile: nothing to show
        }
    }

    /** Records that every chunk message was sent; a no-op on a purged job (never a stub record). */
    public void markSplitDone(String taskId) {
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET split_done = :t, updated_at = :now").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":now", s(now()))));
        } catch (ConditionalCheckFailedException e) {
            // purged meanwhile
        }
    }

    /**
     * Counts a chunk as done, once: a redelivery is a no-op, and a chunk that had failed and now succeeded (after a
     * redrive) moves from the failed count to the done count.
     *
     * @return the job after counting, or empty when this chunk had already been counted as done
     * @throws CountNotRecordedException when DynamoDB kept cancelling for a conflict or throttling
     */
    public Optional<Job> recordChunkDone(String taskId, int chunkIndex, int memories) {
        var jobUpdate = "ADD chunks_done :one, memories_extracted :m SET updated_at = :now";
        var cancelled = transactCounting(putMarker(taskId, chunkIndex, "done", null, "attribute_not_exists(pk)"),
                updateJob(taskId, jobUpdate, Map.of(":one", n(1), ":m", n(memories), ":now", s(now()))));
        if (cancelled.isEmpty()) {
            return find(taskId);
        }
        if (cancelled.get() == Cancellation.JOB_GONE) {
            return Optional.empty();
        }
        // The chunk has an outcome: done (a redelivery, nothing to do) or failed (a redrive that now succeeded).
        var lifted = transactCounting(TransactWriteItem.builder().update(u -> u.tableName(table())
                        .key(JobItems.chunkKey(taskId, chunkIndex))
                        .updateExpression("SET outcome = :done REMOVE reason")
                        .conditionExpression("outcome = :failed")
                        .expressionAttributeValues(Map.of(":done", s("done"), ":failed", s("failed"))))
                        .build(),
                updateJob(taskId,
                        "ADD chunks_done :one, memories_extracted :m, chunks_failed :minus SET updated_at = :now",
                        Map.of(":one", n(1), ":m", n(memories), ":now", s(now()), ":minus", n(-1))));
        return lifted.isPresent() ? Optional.empty() : find(taskId);
    }

    /**
     * Counts several chunks of one job as done in one transaction: a marker per chunk and one update of the job's
     * counters. All or nothing: when any chunk already has an outcome (a redelivery, or a chunk that failed before a
     * redrive), nothing is written and the caller counts the chunks one by one with {@link #recordChunkDone}.
     *
     * @param memoriesByChunk memories stored per chunk index
     * @return the job after counting, or empty when a chunk already had an outcome or the job is gone
     * @throws CountNotRecordedException when DynamoDB kept cancelling for a conflict or throttling
     */
    public Optional<Job> recordChunksDone(String taskId, Map<Integer, Integer> memoriesByChunk) {
        if (memoriesByChunk.isEmpty() || memoriesByChunk.size() >= MAX_TRANSACTION_ITEMS) {
            throw new IllegalArgumentException("1 to " + (MAX_TRANSACTION_ITEMS - 1) + " chunks per transaction");
        }
        int memories = memoriesByChunk.values().stream().mapToInt(Integer::intValue).sum();
        List<TransactWriteItem> items = new ArrayList<>();
        memoriesByChunk.keySet().stream().sorted()
                .forEach(i -> items.add(putMarker(taskId, i, "done", null, "attribute_not_exists(pk)")));
        items.add(updateJob(taskId, "ADD chunks_done :k, memories_extracted :m SET updated_at = :now",
                Map.of(":k", n(memoriesByChunk.size()), ":m", n(memories), ":now", s(now()))));
        var cancelled = transactCounting(items.toArray(TransactWriteItem[]::new));
        return cancelled.isPresent() ? Optional.empty() : find(taskId);
    }

    /** DynamoDB's limit on the items of one TransactWriteItems call. */
    public static final int MAX_TRANSACTION_ITEMS = 100;

    /**
     * Counts a chunk as failed with its reason, once.
     *
     * @return the job after counting, or empty when this chunk's outcome was already recorded
     */
    public Optional<Job> recordChunkFailed(String taskId, int chunkIndex, String reason) {
        String shortReason = truncate(reason, 500);
        var cancelled = transactCounting(
                putMarker(taskId, chunkIndex, "failed", shortReason, "attribute_not_exists(pk)"),
                updateJob(taskId, "ADD chunks_failed :one SET updated_at = :now, #e = :e",
                        Map.of(":one", n(1), ":now", s(now()),
                                ":e", s("chunk " + chunkIndex + ": " + shortReason))));
        return cancelled.isPresent() ? Optional.empty() : find(taskId);
    }

    /**
     * A job and whether one of its chunks is already done, in one consistent round trip (the process stage asks
     * both before every chunk).
     */
    public ChunkState chunkState(String taskId, int chunkIndex) {
        return chunkStates(Map.of(taskId, List.of(chunkIndex))).get(taskId).get(chunkIndex);
    }

    /** The reason recorded when a chunk failed for good, if it did (and has not succeeded since). */
    public Optional<String> failedChunkReason(String taskId, int chunkIndex) {
        var item = dynamo.getItem(b -> b.tableName(table()).key(JobItems.chunkKey(taskId, chunkIndex))
                .consistentRead(true)).item();
        return item == null || !item.containsKey("reason") || !"failed".equals(item.get("outcome").s())
                ? Optional.empty() : Optional.of(item.get("reason").s());
    }

    /**
     * {@link #chunkState} for several chunks in one consistent BatchGetItem (each job read once).
     *
     * @param chunks chunk indexes by job
     * @return per job and chunk index, its state
     */
    public Map<String, Map<Integer, ChunkState>> chunkStates(Map<String, ? extends Collection<Integer>> chunks) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        chunks.forEach((taskId, indexes) -> {
            keys.add(JobItems.key(taskId));
            new TreeSet<>(indexes).forEach(i -> keys.add(JobItems.chunkKey(taskId, i)));
        });
        Map<String, Job> found = new HashMap<>();
        Set<String> done = new HashSet<>();
        for (var item : consistentBatchGet(keys)) {
            if (JobItems.JOB_SK.equals(item.get(JobItems.SK).s()) && item.containsKey("state")) {
                Job job = JobItems.fromItem(item);
                found.put(job.taskId(), job);
            } else if (item.containsKey("outcome") && "done".equals(item.get("outcome").s())) {
                done.add(item.get(JobItems.PK).s() + "|" + item.get(JobItems.SK).s());
            }
        }
        Map<String, Map<Integer, ChunkState>> states = new HashMap<>();
        chunks.forEach((taskId, indexes) -> {
            Map<Integer, ChunkState> perChunk = new HashMap<>();
            for (int i : indexes) {
                var key = JobItems.chunkKey(taskId, i);
                perChunk.put(i, new ChunkState(Optional.ofNullable(found.get(taskId)),
                        done.contains(key.get(JobItems.PK).s() + "|" + key.get(JobItems.SK).s())));
            }
            states.put(taskId, perChunk);
        });
        return states;
    }

    /** The items of {@code keys} that exist, read consistently in BatchGetItem calls, unprocessed keys retried. */
    private List<Map<String, AttributeValue>> consistentBatchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_BATCH_GET) {
            Map<String, KeysAndAttributes> request = Map.of(table(), KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_BATCH_GET))).build());
            while (!request.isEmpty()) {
                var pending = request;
                var result = dynamo.batchGetItem(b -> b.requestItems(pending));
                items.addAll(result.responses().getOrDefault(table(), List.of()));
                request = result.hasUnprocessedKeys() ? result.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    /** DynamoDB's limit on the keys of one BatchGetItem call. */
    private static final int MAX_BATCH_GET = 100;

    /** A job (if it still exists) and whether a given chunk of it is done. */
    public record ChunkState(Optional<Job> job, boolean chunkDone) {
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
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":target", s(target.wire()),
                ":processing", s("processing"), ":now", s(now()), ":stage", s("done")));
        if (target != JobState.FAILED) {
            values.put(":failed", s("failed"));
        }
        if (target == JobState.COMPLETED) {
            values.put(":zero", n(0));
            values.put(":cwe", s("completed_with_errors"));
        }
        String update = "SET #s = :target, stage = :stage, updated_at = :now";
        if (target == JobState.COMPLETED) {
            update += " REMOVE #e";
        }
        var finalUpdate = update;
        try {
            var after = dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(job.taskId()))
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
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET #s = :failed, #e = :e, stage = :stage, updated_at = :now, "
                            + "extraction_status = :x")
                    .conditionExpression("#s = :pending OR #s = :processing")
                    .expressionAttributeNames(Map.of("#s", "state", "#e", "error"))
                    .expressionAttributeValues(Map.of(":failed", s("failed"), ":e", s(truncate(reason, 1000)),
                            ":stage", s("done"), ":now", s(now()), ":pending", s("pending"),
                            ":processing", s("processing"), ":x", s(ExtractionStatus.PENDING_REVIEW.wire()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Cancels a job that has not finished; false if it had. Its remaining chunks are skipped; what its processed
     * chunks stored waits for review ({@code pending_review}), set in the same write.
     */
    public boolean cancel(String taskId) {
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET #s = :c, #e = :e, stage = :stage, updated_at = :now, extraction_status = :x")
                    .conditionExpression("#s = :pending OR #s = :processing")
                    .expressionAttributeNames(Map.of("#s", "state", "#e", "error"))
                    .expressionAttributeValues(Map.of(":c", s("cancelled"), ":e", s("cancelled by its owner"),
                            ":stage", s("done"), ":now", s(now()), ":pending", s("pending"),
                            ":processing", s("processing"), ":x", s(ExtractionStatus.PENDING_REVIEW.wire()))));
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
        var result = dynamo.scan(b -> b.tableName(table()).consistentRead(true).limit(limit)
                .filterExpression("sk = :job AND (#s = :processing OR (extraction_status = :xp AND #s <> :cancelled)"
                        + " OR (#s = :pending AND upload_expires_at < :now)"
                        + " OR (#s = :pending AND stage = :queued AND updated_at < :stale))")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":job", s(JobItems.JOB_SK), ":processing", s("processing"),
                        ":xp", s(ExtractionStatus.PROCESSING.wire()), ":cancelled", s("cancelled"),
                        ":pending", s("pending"), ":now", s(now()), ":queued", s(QUEUED), ":stale", s(stale())))
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
            var page = dynamo.query(b -> b.tableName(table()).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s("JOB#" + taskId)))
                    .projectionExpression("pk, sk").exclusiveStartKey(from));
            for (var item : page.items()) {
                dynamo.deleteItem(b -> b.tableName(table()).key(Map.of(JobItems.PK, item.get(JobItems.PK),
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
            dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET extraction_status = :expired, updated_at = :now")
                    .conditionExpression("extraction_status = :pending")
                    .expressionAttributeValues(Map.of(":expired", s(ExtractionStatus.EXPIRED.wire()),
                            ":pending", s(ExtractionStatus.PENDING_REVIEW.wire()), ":now", s(now()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Sets the review status of a job's extraction; a no-op on a purged job (never a stub record). */
    public void setExtractionStatus(String taskId, ExtractionStatus status) {
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(JobItems.key(taskId))
                    .updateExpression("SET extraction_status = :x, updated_at = :now")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":x", s(status.wire()), ":now", s(now()))));
        } catch (ConditionalCheckFailedException e) {
            // purged meanwhile
        }
    }

    /**
     * Claims an Idempotency-Key for a new job, bound to the request it came with ({@code requestHash}: method, path
     * and body). Returns empty when the claim succeeded (go ahead), or the first claim: its task id and the hash of
     * the request it was made for (null for claims recorded before keys were bound to requests).
     */
    public Optional<IdempotencyClaim> claimIdempotencyKey(String userId, String key, String taskId,
            String requestHash) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(JobItems.PK, s("IDEM#" + userId + "#" + key));
        item.put(JobItems.SK, s("IDEM"));
        item.put("task_id", s(taskId));
        item.put("request_hash", s(requestHash));
        item.put(JobItems.TTL, n(clock.instant().plus(settings.idempotencyWindow()).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table()).item(item).conditionExpression("attribute_not_exists(pk)"));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            var existing = dynamo.getItem(g -> g.tableName(table()).consistentRead(true)
                    .key(Map.of(JobItems.PK, s("IDEM#" + userId + "#" + key), JobItems.SK, s("IDEM")))).item();
            var hash = existing.get("request_hash");
            return Optional.of(new IdempotencyClaim(existing.get("task_id").s(), hash == null ? null : hash.s()));
        }
    }

    /** The first use of an Idempotency-Key: the job it created and the hash of its request. */
    public record IdempotencyClaim(String taskId, String requestHash) {
    }

    /** Releases a claimed key when the submission it guarded was refused, so a corrected retry can proceed. */
    public void releaseIdempotencyKey(String userId, String key) {
        dynamo.deleteItem(b -> b.tableName(table())
                .key(Map.of(JobItems.PK, s("IDEM#" + userId + "#" + key), JobItems.SK, s("IDEM"))));
    }

    private TransactWriteItem putMarker(String taskId, int chunkIndex, String outcome, String reason,
            String condition) {
        Map<String, AttributeValue> item = new HashMap<>(JobItems.chunkKey(taskId, chunkIndex));
        item.put("outcome", s(outcome));
        item.put(JobItems.TTL, n(expiry()));
        if (reason != null) {
            item.put("reason", s(reason));
        }
        return TransactWriteItem.builder()
                .put(p -> p.tableName(table()).item(item).conditionExpression(condition)).build();
    }

    private TransactWriteItem updateJob(String taskId, String update, Map<String, AttributeValue> values) {
        Map<String, String> names = update.contains("#e") ? Map.of("#e", "error") : null;
        return TransactWriteItem.builder().update(u -> u.tableName(table()).key(JobItems.key(taskId))
                .updateExpression(update).conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    /** Why DynamoDB cancelled a counting transaction, when the reason is about our data. */
    enum Cancellation {
        /** A marker's condition failed: that chunk or range already has an outcome. */
        MARKER_EXISTS,
        /** The job's condition failed: the job is gone (purged). */
        JOB_GONE
    }

    /** Attempts of a counting transaction that DynamoDB cancels for a conflict or throttling. */
    static final int COUNT_ATTEMPTS = 6;

    /**
     * Writes a counting transaction: markers first, the job's update last. A cancellation is read by its reasons,
     * one per item: a failed condition on a marker means that outcome is already recorded, on the job that the job is
     * gone; anything else (TransactionConflict with a concurrent count of the same job, ThrottlingError, ...) says
     * nothing about the chunk, so the transaction is retried with backoff and, if it never gets through, the caller
     * gets {@link CountNotRecordedException} and fails the delivery: never "already counted" by mistake.
     *
     * @return empty when written, else why DynamoDB refused it
     */
    private Optional<Cancellation> transactCounting(TransactWriteItem... items) {
        List<TransactWriteItem> all = new ArrayList<>(List.of(items));
        for (int attempt = 1;; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(all));
                return Optional.empty();
            } catch (TransactionCanceledException e) {
                var reason = cancellation(e, all.size() - 1);
                if (reason.isPresent()) {
                    return reason;
                }
                if (attempt >= COUNT_ATTEMPTS) {
                    throw new CountNotRecordedException("the count was not recorded after " + attempt
                            + " attempts: " + e.getMessage(), e);
                }
                backOff(attempt);
            }
        }
    }

    private static Optional<Cancellation> cancellation(TransactionCanceledException e, int jobPosition) {
        if (!e.hasCancellationReasons()) {
            return Optional.empty();
        }
        var reasons = e.cancellationReasons();
        boolean jobGone = false;
        for (int i = 0; i < reasons.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                if (i != jobPosition) {
                    return Optional.of(Cancellation.MARKER_EXISTS);
                }
                jobGone = true;
            }
        }
        return jobGone ? Optional.of(Cancellation.JOB_GONE) : Optional.empty();
    }

    private static void backOff(int attempt) {
        long ceiling = Math.min(1_000, 25L << attempt);
        try {
            Thread.sleep(ceiling / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a count", e);
        }
    }

    private long expiry() {
        return clock.instant().plus(settings.retention()).getEpochSecond();
    }

    private String now() {
        return Instant.now(clock).toString();
    }

    /** Before this, a job still pending in the {@code queued} stage was never queued. */
    private String stale() {
        return Instant.now(clock).minus(settings.queuedTimeout()).toString();
    }

    private static String truncate(String s, int max) {
        if (s == null) {
            return "unknown error";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
