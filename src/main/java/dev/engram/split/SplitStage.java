package dev.engram.split;

import dev.engram.platform.aws.BlobStore;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.progress.Job;
import dev.engram.progress.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The split stage: reads a job's stored input, chunks it, records the chunk count and sends one message per chunk.
 * A redelivery after the chunks went out does nothing; one in between sends them again, which the process stage
 * absorbs.
 */
@ApplicationScoped
public class SplitStage {

    private static final Logger LOG = Logger.getLogger(SplitStage.class);

    private final JobStore jobs;
    private final BlobStore blobs;
    private final QueueSender queues;
    private final Chunker chunker;

    SplitStage(JobStore jobs, BlobStore blobs, QueueSender queues, SplitSettings settings) {
        this.jobs = jobs;
        this.blobs = blobs;
        this.queues = queues;
        this.chunker = new Chunker(settings.chunkTokens(), settings.overlapTokens());
    }

    /** Splits one job's input; see the class comment for redelivery. */
    public void split(SplitRequested request, boolean lastAttempt) {
        Job job = jobs.find(request.taskId()).orElse(null);
        if (job == null || job.state().finished() || job.splitDone()) {
            return;
        }
        try {
            jobs.setStage(job.taskId(), "splitting");
            String text = readText(job);
            if (text.isBlank()) {
                jobs.fail(job.taskId(), "the input has no text to extract from");
                return;
            }
            List<Chunk> chunks = chunker.chunk(text);
            send(job, chunks);
        } catch (InputMissingException e) {
            jobs.fail(job.taskId(), e.getMessage());
        } catch (RuntimeException e) {
            if (lastAttempt) {
                jobs.fail(job.taskId(), "splitting failed: " + e.getMessage());
            }
            throw e;
        }
    }

    /** Chunks text and returns its chunks without sending them (the synchronous path processes them inline). */
    public List<Chunk> chunk(String text) {
        return chunker.chunk(text);
    }

    private void send(Job job, List<Chunk> chunks) {
        if (!jobs.startProcessing(job.taskId(), chunks.size(), job.contentType())) {
            return;
        }
        List<ChunkReady> messages = chunks.stream().map(c -> new ChunkReady(job.taskId(), job.extractionId(),
                job.userId(), chunks.size(), c, job.options())).toList();
        queues.sendAll(QueueNames.CHUNKS, messages);
        jobs.markSplitDone(job.taskId());
        LOG.infof("job %s split into %d chunks", job.taskId(), chunks.size());
    }

    private String readText(Job job) {
        try (InputStream in = blobs.open(job.inputKey())
                .orElseThrow(() -> new InputMissingException("the input object " + job.inputKey() + " is missing"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read the input: " + e.getMessage(), e);
        }
    }

    /** The stored input is gone: retrying cannot help. */
    static final class InputMissingException extends RuntimeException {
        InputMissingException(String message) {
            super(message);
        }
    }
}
