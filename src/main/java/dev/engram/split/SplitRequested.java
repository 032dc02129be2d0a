package dev.engram.split;

/**
 * Ingest-queue message asking the split stage to chunk a stored input. Idempotency key: {@code taskId}.
 *
 * @param kind    always {@code split_requested}, to tell it from S3 event notifications on the same queue
 * @param taskId  the job
 * @param userId  its owner
 * @param key     the input's object key
 * @param range   for a big PDF split in page ranges, which range this message parses; null for the whole input
 */
public record SplitRequested(String kind, String taskId, String userId, String key, PageRange range) {

    public static final String KIND = "split_requested";

    /**
     * Pages of a big PDF parsed by one message. Idempotency key: {@code (taskId, index)}.
     *
     * @param index     0-based range number
     * @param fromPage  first page, 1-based
     * @param toPage    last page, inclusive
     */
    public record PageRange(int index, int fromPage, int toPage) {
    }

    public static SplitRequested of(String taskId, String userId, String key) {
        return new SplitRequested(KIND, taskId, userId, key, null);
    }

    public SplitRequested forRange(PageRange pages) {
        return new SplitRequested(KIND, taskId, userId, key, pages);
    }
}
