package dev.engram.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.graph.GraphBacklog;
import dev.engram.graph.GraphRequested;
import dev.engram.platform.queue.QueueNames;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.Job;
import dev.engram.progress.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Reads a dead letter's body and looks up its job, chunk outcome and recorded reason, for the admin view and the
 * sweep.
 */
@ApplicationScoped
class DeadLetterReader {

    /** The reason of a chunk dead letter whose job records no failure of it. */
    static final String UNRECORDED = "no failure was recorded for this chunk: its worker stopped during its last "
            + "delivery";

    /** The reason of a graph dead letter whose work records no failure. */
    static final String UNRECORDED_GRAPH = "no failure was recorded for this graph work: its worker stopped during "
            + "its last delivery";

    private final JobStore jobs;
    private final ChunkLedger chunks;
    private final ObjectMapper json;
    private final GraphBacklog graph;

    DeadLetterReader(JobStore jobs, ChunkLedger chunks, ObjectMapper json, GraphBacklog graph) {
        this.graph = graph;
        this.jobs = jobs;
        this.chunks = chunks;
        this.json = json;
    }

    /**
     * What is known about {@code message} from {@code queue}'s dead-letter queue.
     *
     * @param jobCache jobs already read in this pass, by task id
     */
    DeadLetter read(String queue, Message message, Map<String, Optional<Job>> jobCache) {
        JsonNode body = parse(message.body());
        if (QueueNames.GRAPH.equals(queue)) {
            return readGraph(message, body, jobCache);
        }
        String taskId = body == null || !body.hasNonNull("task_id") ? null : body.get("task_id").asText();
        Integer chunk = body != null && body.path("chunk").has("index") ? body.path("chunk").path("index").asInt()
                : null;
        Optional<Job> job = taskId == null ? Optional.empty() : jobCache.computeIfAbsent(taskId, jobs::find);
        String reason = job.map(Job::error).orElse(null);
        boolean chunkDone = false;
        boolean recorded = false;
        if (QueueNames.CHUNKS.equals(queue) && chunk != null && job.isPresent()) {
            Optional<String> chunkReason = chunks.failedChunkReason(taskId, chunk);
            if (chunkReason.isPresent()) {
                reason = chunkReason.get();
                recorded = true;
            } else {
                chunkDone = chunks.chunkState(taskId, chunk).chunkDone();
            }
        }
        // The chat stage fails a request's job and messages on its last delivery, which another delivery cannot
        // reopen; a summary or feedback request that failed for good is for a person to look at.
        FailureKind kind = QueueNames.INGEST.equals(queue) || QueueNames.CHAT.equals(queue) ? FailureKind.PERMANENT
                : FailureKind.of(reason);
        if (QueueNames.CHUNKS.equals(queue) && chunk != null && job.isPresent() && !job.get().state().finished()
                && !chunkDone && !recorded) {
            // Dead-lettered with nothing recorded: the worker died during the last delivery, which is no verdict on
            // the chunk, so it is worth another try.
            reason = UNRECORDED;
            kind = FailureKind.TRANSIENT;
        }
        return new DeadLetter(message, fingerprint(message.body()), taskId, chunk, job, reason, chunkDone, kind, null);
    }

    /**
     * A graph request's dead letter: its work row says whether it failed and why (the stage records it on the last
     * delivery); work completed since, or gone with its job, leaves nothing to do ({@code chunkDone}); work still
     * pending means its worker died during the last delivery, worth another try.
     */
    private DeadLetter readGraph(Message message, JsonNode body, Map<String, Optional<Job>> jobCache) {
        GraphRequested request = body == null || !body.hasNonNull("job_id") || !body.hasNonNull("user_id") ? null
                : new GraphRequested(body.get("job_id").asText(), body.path("chunk_index").asInt(),
                        body.get("user_id").asText());
        if (request == null) {
            return new DeadLetter(message, fingerprint(message.body()), null, null, Optional.empty(), null, false,
                    FailureKind.PERMANENT, null);
        }
        Optional<Job> job = jobCache.computeIfAbsent(request.jobId(), jobs::find);
        Optional<GraphBacklog.Work> work = graph.find(request);
        boolean done = work.isEmpty() || "completed".equals(work.get().state());
        String reason = work.map(GraphBacklog.Work::error).orElse(null);
        FailureKind kind = FailureKind.of(reason);
        if (work.isPresent() && "pending".equals(work.get().state())) {
            reason = UNRECORDED_GRAPH;
            kind = FailureKind.TRANSIENT;
        }
        return new DeadLetter(message, fingerprint(message.body()), request.jobId(), request.chunkIndex(), job, reason,
                done, kind, request);
    }

    static String fingerprint(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
