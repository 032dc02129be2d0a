package dev.engram.ingest;

import dev.engram.extract.ExtractSettings;
import dev.engram.platform.aws.BlobStore;
import dev.engram.platform.errors.Unavailable;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.process.ProcessStage;
import dev.engram.progress.Job;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobStore;
import dev.engram.review.ExtractedMemory;
import dev.engram.review.ReviewService;
import dev.engram.split.Chunk;
import dev.engram.split.ChunkReady;
import dev.engram.split.SplitRequested;
import dev.engram.split.SplitStage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Accepts text for extraction: stores it in S3 (so nothing is lost), records the job and either queues it or, for a
 * short synchronous request, runs the same stages inline.
 */
@ApplicationScoped
class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final BlobStore blobs;
    private final JobStore jobs;
    private final QueueSender queues;
    private final SplitStage split;
    private final ProcessStage processor;
    private final ReviewService review;
    private final ExtractSettings settings;
    private final MeterRegistry metrics;
    private final IdempotencyGuard idempotency;
    /** Writes inputs while the caller's thread writes the job record (blocking SDK calls: virtual threads). */
    private final ExecutorService storeRunner = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService inlineRunner = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "sync-extract");
        t.setDaemon(true);
        return t;
    });

    IngestService(BlobStore blobs, JobStore jobs, QueueSender queues, SplitStage split, ProcessStage processor,
            ReviewService review, ExtractSettings settings, MeterRegistry metrics, IdempotencyGuard idempotency) {
        this.idempotency = idempotency;
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
        return idempotency.once(userId, idempotencyKey, "POST /api/v1/memories/extract", request,
                taskId -> accept(userId, taskId, submission), this::answer);
    }

    private ExtractResponse accept(String userId, String taskId, TextSubmission s) {
        String key = "inputs/" + userId + "/" + taskId + ".txt";
        Job job = Job.accepted(taskId, userId, s.source(), s.sourceId(), key, "text/plain", s.options());
        // The input and the job record do not depend on each other: written at once, the caller waits for one round
        // trip instead of two. Nothing is queued until both are written.
        Future<?> stored = storeRunner.submit(() -> blobs.put(key, s.text().getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=utf-8", Map.of("user-id", userId, "task-id", taskId)));
        try {
            jobs.create(job);
        } catch (RuntimeException e) {
            awaitQuietly(stored);
            throw e;
        }
        awaitStored(stored, job);
        metrics.counter("engram.tasks.queued", "source", s.source()).increment();
        List<Chunk> chunks = s.async() ? List.of() : split.chunk(s.text());
        if (!s.async() && chunks.size() == 1) {
            return extractNow(job, chunks.get(0));
        }
        enqueue(job);
        return answer(job);
    }

    /**
     * The synchronous path: the same stage the queue runs, inline, for text that fits one chunk. A slow or transiently
     * failing provider hands the chunk to the queue after the sync deadline and the caller gets 202 (API Gateway cuts
     * requests at 30 s); a late inline success and the queued run count the chunk once (conditional chunk markers).
     * Nothing that fails here leaves the job waiting on work no one will do: a job record that cannot be moved on
     * sends the job to the split stage as an asynchronous submission, and a chunk that can be neither finished inline
     * nor queued fails the job with the reason.
     */
    private ExtractResponse extractNow(Job job, Chunk chunk) {
        try {
            jobs.startProcessing(job.taskId(), 1, job.contentType());
            jobs.markSplitDone(job.taskId());
        } catch (RuntimeException e) {
            // The split stage starts a job that is pending, or processing without its split done, from the stored
            // input, so it takes over from whichever write failed.
            LOG.warnf("job %s: synchronous extraction not started (%s); queued for the split stage", job.taskId(),
                    e.getMessage());
            enqueue(job);
            return answer(job);
        }
        ChunkReady message = new ChunkReady(job.taskId(), job.extractionId(), job.userId(), 1, chunk, job.options());
        Future<?> inline = inlineRunner.submit(() -> processor.process(message, false));
        try {
            inline.get(settings.syncDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            inline.cancel(true);
            LOG.infof("job %s: synchronous extraction handed to the queue (%s)", job.taskId(),
                    e instanceof TimeoutException ? "deadline passed" : e.getCause().getMessage());
            send(job, QueueNames.CHUNKS, message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inline.cancel(true);
            send(job, QueueNames.CHUNKS, message);
        }
        return answer(jobs.find(job.taskId()).orElseThrow());
    }

    /** Waits for the input; if it could not be stored the job fails with the reason and the caller gets the error. */
    private void awaitStored(Future<?> stored, Job job) {
        try {
            stored.get();
        } catch (ExecutionException e) {
            jobs.fail(job.taskId(), "the input could not be stored; please retry");
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jobs.fail(job.taskId(), "the input could not be stored; please retry");
            throw new Unavailable("the request was interrupted; please retry");
        }
    }

    private static void awaitQuietly(Future<?> stored) {
        try {
            stored.get();
        } catch (ExecutionException e) {
            // The caller reports the first failure.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a job's split; if the queue is unreachable the job fails visibly and the caller gets 503. */
    void enqueue(Job job) {
        send(job, QueueNames.INGEST, SplitRequested.of(job.taskId(), job.userId(), job.inputKey()));
    }

    /**
     * Sends the job's next message; if the queue is unreachable the job fails with the reason and the caller gets
     * 503.
     */
    private void send(Job job, String queue, Object message) {
        try {
            queues.send(queue, message);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not queue job %s", job.taskId());
            jobs.fail(job.taskId(), "the job could not be queued; the input is kept, please retry");
            throw new Unavailable("the extraction queue is not reachable; please retry");
        }
    }

    @PreDestroy
    void stopInlineRunner() {
        inlineRunner.shutdownNow();
        storeRunner.shutdownNow();
    }

    /** The answer for a job as it stands now; memories once it has finished. */
    public ExtractResponse answer(Job job) {
        List<ExtractedMemory> memories = job.state().finished()
                ? review.proposed(job.userId(), job.extractionId()) : List.of();
        return new ExtractResponse(job.taskId(), job.extractionId(), job.extractionStatus().wire(),
                job.state().wire(), memories, job.error());
    }
}
