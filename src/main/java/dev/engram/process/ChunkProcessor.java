package dev.engram.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.extract.ActiveExtractor;
import dev.engram.extract.ExtractionContext;
import dev.engram.extract.ExtractionException;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.platform.queue.QueueConsumer;
import dev.engram.platform.queue.QueueMessage;
import dev.engram.platform.queue.QueueNames;
import dev.engram.progress.Job;
import dev.engram.progress.JobCompletion;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.review.PendingMemoryStore;
import dev.engram.review.ProposedMemory;
import dev.engram.split.ChunkReady;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The process stage: extract a chunk's memories, embed them, store them for review and count the chunk, once. A
 * chunk that keeps failing is recorded on its job with the reason on its last delivery, so the job finishes as
 * {@code completed_with_errors} instead of hanging, and the message moves to the dead-letter queue.
 */
@ApplicationScoped
public class ChunkProcessor implements QueueConsumer {

    private static final Logger LOG = Logger.getLogger(ChunkProcessor.class);

    private final ActiveExtractor extractor;
    private final ActiveEmbedder embedder;
    private final PendingMemoryStore pending;
    private final JobStore jobs;
    private final JobCompletion completion;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    ChunkProcessor(ActiveExtractor extractor, ActiveEmbedder embedder, PendingMemoryStore pending, JobStore jobs,
            JobCompletion completion, ObjectMapper json, MeterRegistry metrics) {
        this.metrics = metrics;
        this.extractor = extractor;
        this.embedder = embedder;
        this.pending = pending;
        this.jobs = jobs;
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
        var state = jobs.chunkState(m.taskId(), m.chunk().index());
        Job job = state.job().orElse(null);
        if (job == null || job.state() == JobState.CANCELLED || job.state() == JobState.FAILED
                && job.totalChunks() == null) {
            LOG.infof("chunk %d of %s skipped: job %s", m.chunk().index(), m.taskId(),
                    job == null ? "no longer exists" : job.state().wire());
            return;
        }
        if (state.chunkDone()) {
            return;
        }
        Timer.Sample started = Timer.start(metrics);
        try {
            List<ProposedMemory> proposed = propose(m);
            var result = pending.store(m, proposed);
            jobs.recordChunkDone(m.taskId(), m.chunk().index(), result.stored())
                    .ifPresent(completion::finishIfComplete);
            started.stop(metrics.timer("engram.chunks.processing"));
            metrics.counter("engram.chunks.processed").increment();
            if (!result.alreadyStored()) {
                metrics.counter("engram.memories.extracted").increment(result.stored());
            }
        } catch (ExtractionException e) {
            if (e.permanent() || lastAttempt) {
                fail(m, e.getMessage());
            }
            if (!e.permanent()) {
                throw e;
            }
        } catch (RuntimeException e) {
            if (lastAttempt) {
                fail(m, describe(e));
            }
            throw e;
        }
    }

    private List<ProposedMemory> propose(ChunkReady m) {
        var context = new ExtractionContext(MemoryType.parseSelection(m.options().extractTypes()),
                m.options().referenceDate() == null ? null : LocalDate.parse(m.options().referenceDate()),
                ZoneId.of(m.options().timezone()));
        List<MemoryCandidate> candidates = new ArrayList<>();
        for (MemoryCandidate c : extractor.get().extract(m.chunk().text(), context)) {
            boolean inOverlap = m.chunk().overlapChars() > 0 && c.sourceStart() >= 0
                    && c.sourceEnd() <= m.chunk().overlapChars();
            if (!inOverlap && context.wants(c.type())) {
                candidates.add(c);
            }
        }
        List<float[]> vectors = embedder.get().embedAll(candidates.stream().map(MemoryCandidate::content).toList());
        List<ProposedMemory> proposed = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            proposed.add(new ProposedMemory(candidates.get(i), vectors.get(i)));
        }
        return proposed;
    }

    private void fail(ChunkReady m, String reason) {
        LOG.warnf("chunk %d of %s failed for good: %s", m.chunk().index(), m.taskId(), reason);
        metrics.counter("engram.chunks.failed").increment();
        jobs.recordChunkFailed(m.taskId(), m.chunk().index(), reason).ifPresent(completion::finishIfComplete);
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
