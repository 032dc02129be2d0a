package dev.engram.progress;

import static dev.engram.progress.JobItems.n;
import static dev.engram.progress.JobItems.s;

import jakarta.enterprise.context.ApplicationScoped;
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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Each chunk's outcome in the job table (a marker per chunk, sk {@code CHUNK#n}) and the job's counters it moves,
 * written together in one transaction: a chunk delivered twice never counts twice, and a chunk that failed and then
 * succeeded after a redrive moves from one count to the other. The process stage counts; the dead-letter sweep
 * records a chunk's last failure; whoever explains a failure reads its reason.
 */
@ApplicationScoped
public class ChunkLedger {

    /** DynamoDB's limit on the items of one TransactWriteItems call. */
    public static final int MAX_TRANSACTION_ITEMS = 100;

    private final JobTable table;

    ChunkLedger(DynamoDbClient dynamo, JobTableSettings settings) {
        this.table = new JobTable(dynamo, settings);
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
        var cancelled = table.transactCounting(putMarker(taskId, chunkIndex, ChunkOutcome.DONE, null),
                table.updateJob(taskId, jobUpdate, Map.of(":one", n(1), ":m", n(memories), ":now", s(table.now()))));
        if (cancelled.isEmpty()) {
            return table.find(taskId);
        }
        if (cancelled.get() == JobTable.Cancellation.JOB_GONE) {
            return Optional.empty();
        }
        // The chunk has an outcome: done (a redelivery, nothing to do) or failed (a redrive that now succeeded).
        var lifted = table.transactCounting(TransactWriteItem.builder().update(u -> u.tableName(table.name())
                        .key(JobItems.chunkKey(taskId, chunkIndex))
                        .updateExpression("SET outcome = :done REMOVE reason")
                        .conditionExpression("outcome = :failed")
                        .expressionAttributeValues(Map.of(":done", s(ChunkOutcome.DONE),
                                ":failed", s(ChunkOutcome.FAILED))))
                        .build(),
                table.updateJob(taskId,
                        "ADD chunks_done :one, memories_extracted :m, chunks_failed :minus SET updated_at = :now",
                        Map.of(":one", n(1), ":m", n(memories), ":now", s(table.now()), ":minus", n(-1))));
        return lifted.isPresent() ? Optional.empty() : table.find(taskId);
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
                .forEach(i -> items.add(putMarker(taskId, i, ChunkOutcome.DONE, null)));
        items.add(table.updateJob(taskId, "ADD chunks_done :k, memories_extracted :m SET updated_at = :now",
                Map.of(":k", n(memoriesByChunk.size()), ":m", n(memories), ":now", s(table.now()))));
        var cancelled = table.transactCounting(items.toArray(TransactWriteItem[]::new));
        return cancelled.isPresent() ? Optional.empty() : table.find(taskId);
    }

    /**
     * Counts a chunk as failed with its reason, once.
     *
     * @return the job after counting, or empty when this chunk's outcome was already recorded
     */
    public Optional<Job> recordChunkFailed(String taskId, int chunkIndex, String reason) {
        String shortReason = JobTable.truncate(reason, 500);
        var cancelled = table.transactCounting(
                putMarker(taskId, chunkIndex, ChunkOutcome.FAILED, shortReason),
                table.updateJob(taskId, "ADD chunks_failed :one SET updated_at = :now, #e = :e",
                        Map.of(":one", n(1), ":now", s(table.now()),
                                ":e", s("chunk " + chunkIndex + ": " + shortReason))));
        return cancelled.isPresent() ? Optional.empty() : table.find(taskId);
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
        var item = table.dynamo().getItem(b -> b.tableName(table.name()).key(JobItems.chunkKey(taskId, chunkIndex))
                .consistentRead(true)).item();
        return item == null || !item.containsKey("reason") || !ChunkOutcome.FAILED.is(item.get("outcome").s())
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
        for (var item : table.consistentBatchGet(keys)) {
            if (JobItems.JOB_SK.equals(item.get(JobItems.SK).s()) && item.containsKey("state")) {
                Job job = JobItems.fromItem(item);
                found.put(job.taskId(), job);
            } else if (item.containsKey("outcome") && ChunkOutcome.DONE.is(item.get("outcome").s())) {
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

    /** A job (if it still exists) and whether a given chunk of it is done. */
    public record ChunkState(Optional<Job> job, boolean chunkDone) {
    }

    /** A chunk's marker, written only if the chunk has no outcome yet. */
    private TransactWriteItem putMarker(String taskId, int chunkIndex, ChunkOutcome outcome, String reason) {
        Map<String, AttributeValue> item = new HashMap<>(JobItems.chunkKey(taskId, chunkIndex));
        item.put("outcome", s(outcome));
        item.put(JobItems.TTL, n(table.expiry()));
        if (reason != null) {
            item.put("reason", s(reason));
        }
        return TransactWriteItem.builder()
                .put(p -> p.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(pk)"))
                .build();
    }
}
