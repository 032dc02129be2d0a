package dev.engram.admin;

/**
 * A dead letter handed to people: what an administrator needs to find and judge it.
 *
 * @param queue     the logical work queue it came from
 * @param taskId    its job, when the body names one
 * @param userId    the job's owner, when known
 * @param chunk     the chunk index, for chunk messages
 * @param reason    the failure recorded for it
 * @param kind      transient | permanent
 * @param retries   automatic retries it had
 * @param messageId the dead-letter queue's id of the message
 */
record Escalation(String queue, String taskId, String userId, Integer chunk, String reason, String kind,
        int retries, String messageId) {

    /** One line for a subject or a log. */
    public String summary() {
        return "Engram dead letter escalated: " + queue + (taskId == null ? "" : " job " + taskId)
                + (chunk == null ? "" : " chunk " + chunk) + " after " + retries + " automatic retries";
    }
}
