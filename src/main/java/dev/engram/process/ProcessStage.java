package dev.engram.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.extract.ActiveExtractor;
import dev.engram.graph.GraphOutbox;
import dev.engram.graph.GraphPurge;
import dev.engram.graph.GraphRequested;
import dev.engram.extract.ExtractionContext;
import dev.engram.extract.ExtractionException;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.platform.queue.QueueConsumer;
import dev.engram.platform.queue.QueueConsumer.BatchOutcome;
import dev.engram.platform.queue.QueueMessage;
import dev.engram.platform.queue.QueueNames;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.Job;
import dev.engram.progress.CountNotRecordedException;
import dev.engram.progress.JobCompletion;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.review.ProposedMemory;
import dev.engram.review.ReviewInbox;
import dev.engram.review.ReviewService;
import dev.engram.split.ChunkReady;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The process stage: extract a chunk's memories, embed them, store them for review, ask the graph stage for their
 * entities and relationships ({@link GraphOutbox}, before the count, so a redelivery asks again) and count the chunk,
 * once. A
 * chunk that keeps failing is recorded on its job with the reason on its last delivery, so the job finishes as
 * {@code completed_with_errors} instead of hanging, and the message moves to the dead-letter queue.
 */
@ApplicationScoped
public class ProcessStage implements QueueConsumer {

    private static final Logger LOG = Logger.getLogger(ProcessStage.class);

    private final ActiveExtractor extractor;
    private final ActiveEmbedder embedder;
    private final ReviewInbox inbox;
    private final JobStore jobs;
    private final ChunkLedger ledger;
    private final JobCompletion completion;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final ReviewService review;
    private final GraphOutbox graph;
    private final GraphPurge graphPurge;

    ProcessStage(ActiveExtractor extractor, ActiveEmbedder embedder, ReviewInbox inbox, JobStore jobs,
            ChunkLedger ledger, JobCompletion completion, ObjectMapper json, MeterRegistry metrics,
            ReviewService review, GraphOutbox graph, GraphPurge graphPurge) {
        this.graph = graph;
        this.graphPurge = graphPurge;
        this.metrics = metrics;
        this.inbox = inbox;
        this.extractor = extractor;
        this.embedder = embedder;
        this.review = review;
        this.jobs = jobs;
        this.ledger = ledger;
        this.completion = completion;
        this.json = json;
    }

    @Override
    public String queue() {
        return QueueNames.CHUNKS;
    }

    @Override
    public void consume(QueueMessage message) throws Exception {
        process(json.readValue(message.body(), ChunkReady.class), message.lastAttempt());
    }

    /**
     * Processes one chunk.
     *
     * @param lastAttempt whether a failure now is final (recorded on the job, then rethrown for the DLQ)
     */
    public void process(ChunkReady m, boolean lastAttempt) {
        if (!needsWork(m, ledger.chunkState(m.taskId(), m.chunk().index()))) {
            return;
        }
        Timer.Sample started = Timer.start(metrics);
        try {
            List<ProposedMemory> proposed = propose(m);
            var result = inbox.receive(m, proposed);
            graph.request(List.of(new GraphRequested(m.taskId(), m.chunk().index(), m.userId())));
            afterCount(m.taskId(), m.userId(), ledger.recordChunkDone(m.taskId(), m.chunk().index(), result.held()));
            started.stop(metrics.timer("engram.chunks.processing"));
            metrics.counter("engram.chunks.processed").increment();
            if (!result.alreadyHeld()) {
                metrics.counter("engram.memories.extracted").increment(result.held());
            }
        } catch (RuntimeException e) {
            if (failDelivery(m, e, lastAttempt)) {
                throw e;
            }
        }
    }

    private List<ProposedMemory> propose(ChunkReady m) {
        return Proposals.embed(embedder.get(), List.of(candidates(m))).get(0);
    }

    private List<MemoryCandidate> candidates(ChunkReady m) {
        var context = new ExtractionContext(MemoryType.parseSelection(m.options().extractTypes()),
                m.options().referenceDate() == null ? null : LocalDate.parse(m.options().referenceDate()),
                ZoneId.of(m.options().timezone()));
        return Proposals.candidates(extractor.get(), m.chunk(), context);
    }

    /**
     * A batch of chunks together: one read of their jobs and markers, one embedding pass for all their memories, one
     * Postgres transaction and one DynamoDB transaction per job. A chunk whose extraction fails is handled as on its
     * own (recorded when final, else redelivered), and a chunk that already had an outcome is counted on its own; a
     * body that does not parse is left for {@link #consume}. If the batch fails as a whole, its messages go through
     * {@link #consume} one by one, which is idempotent: a chunk stored here but not counted is counted there without
     * a second copy.
     */
    @Override
    public BatchOutcome consumeTogether(List<QueueMessage> messages) {
        List<QueueMessage> oneByOne = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Map<QueueMessage, ChunkReady> parsed = new LinkedHashMap<>();
        for (QueueMessage message : messages) {
            try {
                parsed.put(message, json.readValue(message.body(), ChunkReady.class));
            } catch (IOException | RuntimeException e) {
                oneByOne.add(message);
            }
        }
        Map<String, List<Integer>> keys = new HashMap<>();
        parsed.values().forEach(m -> keys.computeIfAbsent(m.taskId(), k -> new ArrayList<>()).add(m.chunk().index()));
        var states = ledger.chunkStates(keys);
        Timer.Sample started = Timer.start(metrics);
        List<ChunkReady> chunks = new ArrayList<>();
        List<List<MemoryCandidate>> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var entry : parsed.entrySet()) {
            ChunkReady m = entry.getValue();
            // A second copy of a chunk in the same batch is the same work: done once, both acknowledged.
            if (!seen.add(m.taskId() + "/" + m.chunk().index())
                    || !needsWork(m, states.get(m.taskId()).get(m.chunk().index()))) {
                continue;
            }
            QueueMessage message = entry.getKey();
            try {
                candidates.add(candidates(m));
                chunks.add(m);
            } catch (RuntimeException e) {
                // As on its own: recorded on the job when final, redelivered unless permanent; never extracted twice.
                if (failDelivery(m, e, message.lastAttempt())) {
                    LOG.warnf("chunk %d of %s failed (receive %d): %s", m.chunk().index(), m.taskId(),
                            message.receiveCount(), describe(e));
                    failed.add(message.messageId());
                }
            }
        }
        if (chunks.isEmpty()) {
            return new BatchOutcome(oneByOne, failed);
        }
        var proposed = Proposals.embed(embedder.get(), candidates);
        var stored = inbox.receiveAll(chunks, proposed);
        graph.request(chunks.stream().map(c -> new GraphRequested(c.taskId(), c.chunk().index(), c.userId())).toList());
        Map<String, Map<Integer, Integer>> counts = new LinkedHashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            counts.computeIfAbsent(chunks.get(i).taskId(), k -> new HashMap<>())
                    .put(chunks.get(i).chunk().index(), stored.get(i).held());
        }
        for (var job : counts.entrySet()) {
            var counted = ledger.recordChunksDone(job.getKey(), job.getValue());
            if (counted.isEmpty()) {
                // One of them had an outcome already (a concurrent delivery, or a failure before a redrive): count
                // them one by one, each knowing whether it was counted; their memories are stored, nothing is redone.
                String userId = chunks.stream().filter(c -> c.taskId().equals(job.getKey())).findFirst()
                        .orElseThrow().userId();
                job.getValue().forEach((index, memories) -> afterCount(job.getKey(), userId,
                        ledger.recordChunkDone(job.getKey(), index, memories)));
            } else {
                completion.finishIfComplete(counted.get());
            }
        }
        int fresh = 0;
        for (var r : stored) {
            fresh += r.alreadyHeld() ? 0 : r.held();
        }
        // Each chunk of the batch is timed at its share of the batch, so the metric keeps meaning "per chunk".
        long share = started.stop(metrics.timer("engram.chunks.batch.processing")) / chunks.size();
        Timer perChunk = metrics.timer("engram.chunks.processing");
        chunks.forEach(c -> perChunk.record(share, TimeUnit.NANOSECONDS));
        metrics.counter("engram.chunks.processed").increment(chunks.size());
        metrics.counter("engram.memories.extracted").increment(fresh);
        return new BatchOutcome(oneByOne, failed);
    }

    /**
     * Whether a chunk still needs processing; logs why not when its job is gone, cancelled or failed. A chunk that was
     * counted already may belong to a job that a crash between the last count and the finish left processing with
     * every chunk accounted for: that job is finished here. Or the job finished and its follow-up (review status,
     * auto-save) was interrupted: that is resumed. A chunk whose job is gone was purged: an earlier delivery may have
     * stored its memories after the purge and been cut off before it deleted them (see {@link #afterCount}), so
     * whatever Postgres still holds of the job is deleted here.
     */
    private boolean needsWork(ChunkReady m, ChunkLedger.ChunkState state) {
        Job job = state.job().orElse(null);
        if (job == null) {
            review.purgeJob(m.userId(), m.taskId());
            graphPurge.purgeJob(m.userId(), m.taskId());
            LOG.infof("chunk %d of %s skipped: job no longer exists (anything still stored of it is deleted)",
                    m.chunk().index(), m.taskId());
            return false;
        }
        if (job.state() == JobState.CANCELLED || job.state() == JobState.FAILED && job.totalChunks() == null) {
            LOG.infof("chunk %d of %s skipped: job %s", m.chunk().index(), m.taskId(), job.state().wire());
            return false;
        }
        if (state.chunkDone()) {
            if (job.state() == JobState.PROCESSING) {
                completion.finishIfComplete(job);
            } else {
                completion.resumeIfInterrupted(job);
            }
            return false;
        }
        return true;
    }

    /**
     * After a chunk's count: finishes the job when that was its last chunk. A count that did not happen because the
     * job is gone means it was purged after this chunk passed its check: what the chunk stored is deleted, so the
     * purge leaves nothing behind.
     */
    private void afterCount(String taskId, String userId, java.util.Optional<Job> counted) {
        if (counted.isPresent()) {
            completion.finishIfComplete(counted.get());
        } else if (jobs.find(taskId).isEmpty()) {
            int removed = review.purgeJob(userId, taskId);
            graphPurge.purgeJob(userId, taskId);
            LOG.infof("job %s was purged while one of its chunks was processed; %d memories it stored removed",
                    taskId, removed);
        }
    }

    /**
     * The one retry-or-fail rule for a chunk whose work threw: a permanent failure, or any failure on the last allowed
     * delivery, is recorded on the job with its reason; answers whether the delivery should fail so SQS brings the
     * message back (every failure but a permanent one).
     */
    private boolean failDelivery(ChunkReady m, RuntimeException e, boolean lastAttempt) {
        boolean permanent = e instanceof ExtractionException x && x.permanent();
        if (permanent || lastAttempt) {
            fail(m, e instanceof ExtractionException ? e.getMessage() : describe(e));
        }
        return !permanent;
    }

    private void fail(ChunkReady m, String reason) {
        LOG.warnf("chunk %d of %s failed for good: %s", m.chunk().index(), m.taskId(), reason);
        metrics.counter("engram.chunks.failed").increment();
        ledger.recordChunkFailed(m.taskId(), m.chunk().index(), reason).ifPresent(completion::finishIfComplete);
    }

    /**
     * The reason recorded on the job, which its owner reads: what went wrong in plain words. A service's own message
     * (SQL, role ARNs, the account id) stays in the log.
     */
    private static String describe(RuntimeException e) {
        if (e instanceof software.amazon.awssdk.core.exception.SdkException
                || e instanceof io.vertx.core.VertxException || e instanceof CountNotRecordedException) {
            LOG.warnf(e, "chunk failed on a service error");
            return "a storage or queue service did not answer as expected (" + e.getClass().getSimpleName() + ")";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
