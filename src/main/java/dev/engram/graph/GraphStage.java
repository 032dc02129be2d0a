package dev.engram.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.extract.ExtractionContext;
import dev.engram.extract.GraphCandidates;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.extract.ExtractionException;
import dev.engram.extract.GraphExtractor;
import dev.engram.extract.SameEntityQuestion;
import dev.engram.platform.queue.QueueConsumer;
import dev.engram.platform.queue.QueueMessage;
import dev.engram.platform.queue.QueueNames;
import dev.engram.review.ChunkMemories;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The graph stage: a processed chunk's entities and relationships into its owner's graph, read by the provider that
 * {@code engram.graph.provider} names. Work already completed is acknowledged; otherwise the answer is read once and
 * saved before it is applied (its own commit), so a redelivery applies the same answer again, which adds nothing
 * ({@link GraphWriter}). The delivery that reads holds the work meanwhile ({@link #READ_LEASE}); a concurrent delivery
 * of the same work is acknowledged without asking the provider, so a chunk costs at most one provider call. A
 * failure on the last delivery, or an answer the provider got wrong twice, marks the work failed with its reason
 * (the former then goes to the dead-letter queue); jobs never wait for it.
 */
@ApplicationScoped
public class GraphStage implements QueueConsumer {

    private static final Logger LOG = Logger.getLogger(GraphStage.class);
    /** How long one delivery holds a chunk's reading: the provider's calls with their retries fit in it. */
    static final Duration READ_LEASE = Duration.ofMinutes(5);

    private final ObjectMapper json;
    private final GraphWorkRepository work;
    private final ChunkMemories chunks;
    private final GraphExtractor extractor;
    private final GraphWriter writer;
    private final GraphReview review;
    private final ChatEvidence chat;
    private final MeterRegistry metrics;

    GraphStage(ObjectMapper json, GraphWorkRepository work, ChunkMemories chunks, @All List<GraphExtractor> providers,
            GraphSettings settings, GraphWriter writer, GraphReview review, ChatEvidence chat, MeterRegistry metrics) {
        this.review = review;
        this.chat = chat;
        this.json = json;
        this.work = work;
        this.chunks = chunks;
        this.extractor = providers.stream().filter(p -> p.name().equals(settings.provider())).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown engram.graph.provider '" + settings.provider()
                        + "'; available: " + providers.stream().map(GraphExtractor::name).toList()));
        this.writer = writer;
        this.metrics = metrics;
    }

    /**
     * The answer as saved: the chunk's text (the evidence's snippets come from it), its graph, the ids of the
     * memories its decision and task nodes are, whether those memories were saved, and the chat message the chunk is
     * (null for a document's chunk).
     */
    record SavedAnswer(String text, GraphCandidates graph, List<UUID> memoryIds, boolean memoriesSaved,
            UUID messageId) {
    }

    @Override
    public String queue() {
        return QueueNames.GRAPH;
    }

    @Override
    public void consume(QueueMessage message) throws Exception {
        GraphRequested request = json.readValue(message.body(), GraphRequested.class);
        try {
            process(request);
        } catch (ExtractionException e) {
            if (e.permanent() || message.lastAttempt()) {
                // Asking again cannot help (the model's answer was unusable twice): the work fails with the reason.
                work.fail(request, e.getMessage());
                metrics.counter("engram.graph.chunks", "outcome", "failed").increment();
                if (e.permanent()) {
                    return;
                }
            }
            throw e;
        } catch (RuntimeException e) {
            if (message.lastAttempt()) {
                work.fail(request, e.getClass().getSimpleName() + ": " + e.getMessage());
                metrics.counter("engram.graph.chunks", "outcome", "failed").increment();
            }
            throw e;
        }
    }

    /** Applies the chunk's graph once; see the class comment. */
    public void process(GraphRequested request) throws Exception {
        var found = work.find(request);
        if (found.isEmpty() || !found.get().state().equals("pending")) {
            return;
        }
        String answer = found.get().answer();
        if (answer == null) {
            if (!work.startReading(request, READ_LEASE)) {
                // Another delivery of the same work is asking the provider; it applies the answer.
                LOG.debugf("graph of chunk %d of %s is being read by another delivery", request.chunkIndex(),
                        request.jobId());
                return;
            }
            try {
                answer = read(request);
            } catch (RuntimeException e) {
                work.stopReading(request);
                throw e;
            }
            if (answer == null) {
                return;
            }
        }
        SavedAnswer a = json.readValue(answer, SavedAnswer.class);
        var written = writer.apply(request.userId(), a.graph(), new GraphWriter.Provenance(request.jobId(),
                request.chunkIndex(), a.text(), a.memoryIds(), a.memoriesSaved()), true);
        int judged = judge(request, written.borderline());
        // Before the work completes, so that a crash in between repeats them: both are idempotent.
        chat.name(request, a.messageId());
        review.follow(request.userId(), a.memoryIds());
        work.complete(request);
        metrics.counter("engram.graph.chunks", "outcome", "completed").increment();
        metrics.counter("engram.graph.entities").increment(written.entities());
        metrics.counter("engram.graph.relationships").increment(written.relationships());
        LOG.debugf("graph of chunk %d of %s: %s, %d merged by judgement", request.chunkIndex(), request.jobId(),
                written, judged);
    }

    /**
     * The entities the chunk added that are close to another by embedding but not by spelling, put to the provider's
     * judge in one call; those it finds to name one thing are merged (method {@code llm}). A provider that does not
     * judge, or a judgement that fails, leaves the pairs as merge suggestions
     * ({@code GET /api/v1/graph/merge-candidates}); the chunk's graph stands either way. A redelivery adds no entity,
     * so it asks nothing again.
     *
     * @return how many pairs were merged
     */
    private int judge(GraphRequested request, List<GraphWriter.Borderline> pairs) {
        if (pairs.isEmpty()) {
            return 0;
        }
        List<Boolean> same;
        try {
            same = extractor.sameEntities(pairs.stream().map(b -> new SameEntityQuestion(b.type(), b.addedName(),
                    b.nearName())).toList());
        } catch (RuntimeException e) {
            LOG.warnf("graph of chunk %d of %s: the judgement of %d close names failed, they stay merge suggestions:"
                    + " %s", request.chunkIndex(), request.jobId(), pairs.size(), e.getMessage());
            metrics.counter("engram.graph.judged_pairs", "outcome", "failed").increment(pairs.size());
            return 0;
        }
        if (same == null) {
            return 0;
        }
        List<GraphWriter.Borderline> confirmed = new ArrayList<>();
        for (int i = 0; i < pairs.size() && i < same.size(); i++) {
            if (Boolean.TRUE.equals(same.get(i))) {
                confirmed.add(pairs.get(i));
            }
        }
        int merged = writer.mergeJudged(request.userId(), confirmed);
        metrics.counter("engram.graph.judged_pairs", "outcome", "merged").increment(merged);
        metrics.counter("engram.graph.judged_pairs", "outcome", "kept_apart").increment(pairs.size() - confirmed.size());
        return merged;
    }

    /**
     * Reads the chunk's graph from the provider and saves it as the work's answer; null when there is nothing to
     * apply (the chunk was purged, or the work is gone).
     */
    private String read(GraphRequested request) throws JsonProcessingException {
        var snapshot = chunks.find(request.userId(), request.jobId(), request.chunkIndex());
        if (snapshot.isEmpty()) {
            // Purged (or never stored): nothing left to read a graph from.
            work.fail(request, "the chunk is no longer stored");
            return null;
        }
        var chunk = snapshot.get();
        List<MemoryCandidate> memories = chunk.memories().stream().map(ChunkMemories.Memory::candidate).toList();
        ExtractionContext context = new ExtractionContext(EnumSet.allOf(MemoryType.class), null, ZoneOffset.UTC)
                .under(chunk.headingPath());
        GraphCandidates graph = extractor.graph(chunk.text(), context, memories);
        boolean saved = !chunk.memories().isEmpty()
                && chunk.memories().stream().allMatch(m -> m.status().equals("confirmed"));
        return work.saveAnswer(request, json.writeValueAsString(new SavedAnswer(chunk.text(), graph,
                chunk.memories().stream().map(ChunkMemories.Memory::id).toList(), saved, chunk.messageId())));
    }
}
