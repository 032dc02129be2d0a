package dev.engram.admin;

import java.util.List;

/**
 * One message waiting in a dead-letter queue, as an operator sees it.
 *
 * @param messageId    the queue's id
 * @param taskId       the job it belongs to, when the body names one
 * @param userId       the job's owner, when known
 * @param chunk        the chunk index, for chunk messages
 * @param reason       the failure recorded for the chunk (else the job), if any
 * @param kind         transient | permanent: what the sweep makes of the reason
 * @param status       will_retry (the next sweep sends it back) | escalated (left for people, announced) |
 *                     will_escalate (the next sweep announces it) | off (automatic retries are disabled)
 * @param retries      automatic retries it had
 * @param maxRetries   automatic retries allowed
 * @param retryDelays  the delay of each retry so far, in seconds
 * @param nextRetryDelaySeconds for will_retry: how long after the next sweep the retry runs (backoff × 2^retries)
 * @param lastRetryAt  when its last retry became due in its work queue (ISO instant), if it had one
 * @param escalatedAt  when it was escalated (ISO instant), if it was
 * @param receiveCount how often it has been received (this peek included)
 * @param sentAt       when it was first sent (ISO instant), if known
 */
record DeadLetterMessage(String messageId, String taskId, String userId, Integer chunk, String reason,
        String kind, String status, int retries, int maxRetries, List<Integer> retryDelays,
        Long nextRetryDelaySeconds, String lastRetryAt, String escalatedAt, int receiveCount, String sentAt) {
}
