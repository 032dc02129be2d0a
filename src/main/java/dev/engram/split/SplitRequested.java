package dev.engram.split;

/**
 * Ingest-queue message asking the split stage to chunk a stored input. Idempotency key: {@code taskId}.
 *
 * @param kind    always {@code split_requested}, to tell it from S3 event notifications on the same queue
 * @param taskId  the job
 * @param userId  its owner
 * @param key     the input's object key
 */
public record SplitRequested(String kind, String taskId, String userId, String key) {

    public static final String KIND = "split_requested";

    public static SplitRequested of(String taskId, String userId, String key) {
        return new SplitRequested(KIND, taskId, userId, key);
    }
}
