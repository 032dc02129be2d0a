package dev.engram.progress;

import static dev.engram.progress.JobItems.n;
import static dev.engram.progress.JobItems.s;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The page ranges of a big PDF the split stage parses range by range: the plan on the job, a marker per range (sk
 * {@code RANGE#n}: its chunk count and whether its chunk messages were all sent) and the job's page and chunk totals
 * each range moves, written together so a range counts once.
 */
@ApplicationScoped
public class PageRangeLedger {

    private final JobTable table;

    PageRangeLedger(DynamoDbClient dynamo, JobTableSettings settings) {
        this.table = new JobTable(dynamo, settings);
    }

    /**
     * Plans the parsing of a big PDF in {@code ranges} page ranges: the job is processing, its chunk total grows as
     * each range is chunked. False when the job is no longer pending or processing, or was already planned.
     */
    public boolean planRanges(String taskId, int ranges, int pages) {
        try {
            table.dynamo().updateItem(b -> b.tableName(table.name()).key(JobItems.key(taskId))
                    .updateExpression("SET #s = :p, stage = :stage, total_chunks = :zero, ranges_total = :r, "
                            + "ranges_done = :zero, pages_total = :pages, pages_done = :zero, updated_at = :now")
                    .conditionExpression("attribute_exists(pk) AND (#s = :pending OR #s = :p) "
                            + "AND attribute_not_exists(ranges_total)")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(":p", s(JobState.PROCESSING), ":pending", s(JobState.PENDING),
                            ":stage", s(JobStage.PARSING), ":zero", n(0), ":r", n(ranges), ":pages", n(pages),
                            ":now", s(table.now()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Counts one page range as parsed into {@code chunks} chunks, once.
     *
     * @return the job after counting, or empty when this range had already been counted
     * @throws CountNotRecordedException when DynamoDB kept cancelling for a conflict or throttling
     */
    public Optional<Job> recordRange(String taskId, int rangeIndex, int chunks, int pages) {
        Map<String, AttributeValue> marker = new HashMap<>(JobItems.rangeKey(taskId, rangeIndex));
        marker.put("chunks", n(chunks));
        marker.put("sent", AttributeValue.fromBool(false));
        marker.put(JobItems.TTL, n(table.expiry()));
        var cancelled = table.transactCounting(TransactWriteItem.builder().put(p -> p.tableName(table.name())
                        .item(marker).conditionExpression("attribute_not_exists(pk)")).build(),
                table.updateJob(taskId, "ADD total_chunks :c, ranges_done :one, pages_done :pages "
                                + "SET updated_at = :now, stage = :stage",
                        Map.of(":c", n(chunks), ":one", n(1), ":pages", n(pages), ":now", s(table.now()),
                                ":stage", s(JobStage.EXTRACTING))));
        return cancelled.isPresent() ? Optional.empty() : table.find(taskId);
    }

    /** Whether a range's chunk messages were all sent. */
    public boolean isRangeSent(String taskId, int rangeIndex) {
        var item = table.dynamo().getItem(b -> b.tableName(table.name()).key(JobItems.rangeKey(taskId, rangeIndex))
                .consistentRead(true)).item();
        return item != null && item.containsKey("sent") && Boolean.TRUE.equals(item.get("sent").bool());
    }

    /**
     * Records that a range's chunk messages were all sent. Only on a recorded range: after a purge the write is a
     * no-op instead of a marker without an expiry.
     */
    public void markRangeSent(String taskId, int rangeIndex) {
        try {
            table.dynamo().updateItem(b -> b.tableName(table.name()).key(JobItems.rangeKey(taskId, rangeIndex))
                    .updateExpression("SET sent = :t").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException e) {
            // purged meanwhile
        }
    }
}
