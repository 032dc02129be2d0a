package dev.engram.ingest;

import dev.engram.extract.ChunkProcessor;
import dev.engram.extract.ExtractSettings;
import dev.engram.platform.aws.BlobStore;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.web.ApiException;
import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.review.ExtractedMemory;
import dev.engram.review.ReviewService;
import dev.engram.split.Chunk;
import dev.engram.split.ChunkReady;
import dev.engram.split.SplitStage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Accepts text for extraction: stores it in S3 (so nothing is lost), records the job and either queues it or, for a
 * short synchronous request, runs the same stages inline.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final BlobStore blobs;
    private final JobStore jobs;
    private final QueueSender queues;
    private final SplitStage split;
    private final ChunkProcessor processor;
    private final ReviewService review;
    private final ExtractSettings settings;
    private final MeterRegistry metrics;

    IngestService(BlobStore blobs, JobStore jobs, QueueSender queues, SplitStage split, ChunkProcessor processor,
            ReviewService review, ExtractSettings settings, MeterRegistry metrics) {
        this.blobs = blobs;
        this.jobs = jobs;
        this.queues = queues;
        this.split = split;
        this.processor = processor;
        this.review = review;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Submits text for {@code userId}; a repeated Idempotency-Key returns the first submission's answer. */
    public ExtractResponse submitText(String userId, ExtractRequest request, String idempotencyKey) {
        TextSubmission submission = TextSubmission.validate(request, settings.maxTextChars());
        String body = JobIds.newBody();
        String taskId = JobIds.taskId(body);
        if (idempotencyKey != null) {
            if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
                throw ApiException.badRequest("Idempotency-Key must be 1 to 128 letters, digits or . _ : -");
            }
            Optional<String> first = jobs.claimIdempotencyKey(userId, idempotencyKey, taskId);
            if (first.isPresent()) {
                return jobs.findOwned(first.get(), userId).map(this::answer)
                        .orElseThrow(() -> ApiException.conflict("the Idempotency-Key was used for a submission "
                                + "that is still being recorded; retry in a moment"));
            }
        }
        try {
            return accept(userId, taskId, JobIds.extractionId(body), submission);
        } catch (RuntimeException e) {
            if (idempotencyKey != null && jobs.find(taskId).isEmpty()) {
                jobs.releaseIdempotencyKey(userId, idempotencyKey);
            }
            throw e;
        }
    }

    private ExtractResponse accept(String userId, String taskId, String extractionId, TextSubmission s) {
        String key = "inputs/" + userId + "/" + taskId + ".txt";
        blobs.put(key, s.text().getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8",
                Map.of("user-id", userId, "task-id", taskId));
        Instant now = Instant.now();
        Job job = new Job(taskId, extractionId, userId, s.source(), s.sourceId(), key, "text/plain",
                JobState.PENDING, "queued", ExtractionStatus.PROCESSING, null, 0, 0, 0, null, s.options(), false,
                now, now);
        jobs.create(job);
        metrics.counter("engram.tasks.queued", "source", s.source()).increment();
        List<Chunk> chunks = s.async() ? List.of() : split.chunk(s.text());
        if (!s.async() && chunks.size() == 1) {
            return extractNow(job, chunks.get(0));
        }
        try {
            queues.send(QueueNames.INGEST, SplitRequested.of(taskId, userId, key));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not queue job %s", taskId);
            jobs.fail(taskId, "the job could not be queued; the text is kept, please retry");
            throw ApiException.unavailable("the extraction queue is not reachable; please retry");
        }
        return answer(job);
    }

    /** The synchronous path: the same stages as the queue runs, inline, for text that fits one chunk. */
    private ExtractResponse extractNow(Job job, Chunk chunk) {
        jobs.startProcessing(job.taskId(), 1, job.contentType());
        jobs.markSplitDone(job.taskId());
        processor.process(new ChunkReady(job.taskId(), job.extractionId(), job.userId(), 1, chunk, job.options()),
                true);
        return answer(jobs.find(job.taskId()).orElseThrow());
    }

    /** The answer for a job as it stands now; memories once it has finished. */
    public ExtractResponse answer(Job job) {
        List<ExtractedMemory> memories = job.state().finished()
                ? review.proposed(job.userId(), job.extractionId()) : List.of();
        return new ExtractResponse(job.taskId(), job.extractionId(), job.extractionStatus().wire(),
                job.state().wire(), memories, job.error());
    }

    /** Options for jobs that arrive without a request body (drop folder, uploads). */
    public static JobOptions defaultOptions() {
        return new JobOptions(List.of("all"), null, "UTC", false);
    }
}
