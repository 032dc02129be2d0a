package dev.engram.admin;

/**
 * A redrive under way: the queue moves the dead letters back to their work queue in the background.
 *
 * @param queue      the logical work queue receiving the messages
 * @param from       the dead-letter queue's name
 * @param to         the work queue's name
 * @param messages   how many messages were waiting when the move started
 * @param taskHandle the queue's handle of the move task
 */
record RedriveStarted(String queue, String from, String to, int messages, String taskHandle) {
}
