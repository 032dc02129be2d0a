package dev.engram.admin;

import dev.engram.graph.GraphRequested;
import dev.engram.progress.Job;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A message read from a dead-letter queue with what the job table says about it.
 *
 * @param message     the message as received
 * @param fingerprint the hash of its body, the key of its dead-letter ledger record
 * @param taskId      the job its body names, if any
 * @param chunk       the chunk index, for chunk and graph messages
 * @param job         the job, if it still exists
 * @param reason      the failure recorded for the chunk (else for the job), if any
 * @param chunkDone   whether the chunk has succeeded since (a redrive or another copy); for a graph request,
 *                    whether its work is completed or gone with its job
 * @param kind        what the reason says about retrying; an ingest or chat dead letter is permanent, since a
 *                    split or chat request that failed for good failed its job, which another delivery cannot reopen
 * @param graph       the request a graph dead letter's body names (null for the other queues)
 */
record DeadLetter(Message message, String fingerprint, String taskId, Integer chunk, Optional<Job> job,
        String reason, boolean chunkDone, FailureKind kind, GraphRequested graph) {

    String userId() {
        return graph != null ? graph.userId() : job.map(Job::userId).orElse(null);
    }
}
