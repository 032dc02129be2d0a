package dev.engram.progress;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The job table as its owners in this package write it: the client, the clock, a job's consistent read, the
 * counting transaction and the consistent batch read they share. One per owner, so none of them reaches into another.
 */
final class JobTable {

    /** Attempts of a counting transaction that DynamoDB cancels for a conflict or throttling. */
    static final int COUNT_ATTEMPTS = 6;

    /** DynamoDB's limit on the keys of one BatchGetItem call. */
    private static final int MAX_BATCH_GET = 100;

    private final DynamoDbClient dynamo;
    private final JobTableSettings settings;
    private final Clock clock;

    JobTable(DynamoDbClient dynamo, JobTableSettings settings) {
        this.dynamo = dynamo;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    JobTableSettings settings() {
        return settings;
    }

    String name() {
        return settings.table();
    }

    Instant instant() {
        return clock.instant();
    }

    /** The current time as the table stores it ({@code updated_at}). */
    String now() {
        return Instant.now(clock).toString();
    }

    /** When an item written now expires (epoch seconds, the table's TTL attribute). */
    long expiry() {
        return clock.instant().plus(settings.retention()).getEpochSecond();
    }

    /** A job by id, read consistently. */
    Optional<Job> find(String taskId) {
        var item = dynamo.getItem(b -> b.tableName(name()).key(JobItems.key(taskId)).consistentRead(true)).item();
        // A record without a state is the stub an unconditional write left after a purge: no job.
        return item == null || !item.containsKey("state") ? Optional.empty() : Optional.of(JobItems.fromItem(item));
    }

    /** The items of {@code keys} that exist, read consistently in BatchGetItem calls, unprocessed keys retried. */
    List<Map<String, AttributeValue>> consistentBatchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_BATCH_GET) {
            Map<String, KeysAndAttributes> request = Map.of(name(), KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_BATCH_GET))).build());
            while (!request.isEmpty()) {
                var pending = request;
                var result = dynamo.batchGetItem(b -> b.requestItems(pending));
                items.addAll(result.responses().getOrDefault(name(), List.of()));
                request = result.hasUnprocessedKeys() ? result.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    /** The job's part of a counting transaction: {@code update} on a job that still exists. */
    TransactWriteItem updateJob(String taskId, String update, Map<String, AttributeValue> values) {
        Map<String, String> names = update.contains("#e") ? Map.of("#e", "error") : null;
        return TransactWriteItem.builder().update(u -> u.tableName(name()).key(JobItems.key(taskId))
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

    /**
     * Writes a counting transaction: markers first, the job's update last. A cancellation is read by its reasons,
     * one per item: a failed condition on a marker means that outcome is already recorded, on the job that the job is
     * gone; anything else (TransactionConflict with a concurrent count of the same job, ThrottlingError, ...) says
     * nothing about the chunk, so the transaction is retried with backoff and, if it never gets through, the caller
     * gets {@link CountNotRecordedException} and fails the delivery: never "already counted" by mistake.
     *
     * @return empty when written, else why DynamoDB refused it
     */
    Optional<Cancellation> transactCounting(TransactWriteItem... items) {
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
            Thread.sleep(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a count", e);
        }
    }

    /** {@code text} cut to {@code max} characters for a reason or error attribute. */
    static String truncate(String text, int max) {
        if (text == null) {
            return "unknown error";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
