package dev.engram.split;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.platform.aws.BlobStore;
import dev.engram.platform.queue.QueueConsumer;
import dev.engram.platform.queue.QueueMessage;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.progress.Job;
import dev.engram.progress.JobCompletion;
import dev.engram.progress.JobStage;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.progress.PageRangeLedger;
import dev.engram.split.parse.DocumentReader;
import dev.engram.split.parse.FileSignature;
import dev.engram.split.parse.ParsedDocument;
import dev.engram.split.parse.UnreadableDocumentException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The split stage, consumer of the ingest queue: it carries Engram's own split requests (text and API uploads) and
 * S3 event notifications (drop folder, presigned uploads, turned into requests by {@link ObjectArrivals}). For each
 * request it reads the job's stored input, parses it (text as is; PDF, DOCX, DOC, Markdown through
 * {@link DocumentReader}), chunks it, records the chunk count and sends one message per chunk. A PDF bigger than one
 * page range is planned up front as page ranges, each parsed by its own message, so memory stays bounded whatever
 * the document's size. A document that cannot be read fails its job with the reason at once (retrying cannot help);
 * the original stays in S3.
 */
@ApplicationScoped
public class SplitStage implements QueueConsumer {

    private static final Logger LOG = Logger.getLogger(SplitStage.class);
    /** Chunk indexes of page range r start at r × this, so ranges chunked independently never collide. */
    static final int RANGE_STRIDE = 100_000;

    private final JobStore jobs;
    private final PageRangeLedger pageRanges;
    private final BlobStore blobs;
    private final QueueSender queues;
    private final Chunker chunker;
    private final DocumentReader reader;
    private final SplitSettings settings;
    private final MeterRegistry metrics;
    private final JobCompletion completion;
    private final ObjectMapper json;
    private final ObjectArrivals arrivals;

    SplitStage(JobStore jobs, PageRangeLedger pageRanges, BlobStore blobs, QueueSender queues, SplitSettings settings,
            DocumentReader reader, MeterRegistry metrics, JobCompletion completion, ObjectMapper json,
            ObjectArrivals arrivals) {
        this.completion = completion;
        this.json = json;
        this.arrivals = arrivals;
        this.jobs = jobs;
        this.pageRanges = pageRanges;
        this.blobs = blobs;
        this.queues = queues;
        this.settings = settings;
        this.reader = reader;
        this.metrics = metrics;
        this.chunker = new Chunker(settings.chunkTokens(), settings.overlapTokens());
    }

    @Override
    public String queue() {
        return QueueNames.INGEST;
    }

    @Override
    public void consume(QueueMessage message) throws Exception {
        JsonNode body = json.readTree(message.body());
        if (SplitRequested.KIND.equals(body.path("kind").asText())) {
            split(json.treeToValue(body, SplitRequested.class), message.lastAttempt(), message.deadline());
        } else if (S3Notification.matches(body)) {
            for (var object : S3Notification.createdObjects(body)) {
                arrivals.accept(object).ifPresent(request -> split(request, message.lastAttempt(),
                        message.deadline()));
            }
        } else {
            LOG.warnf("ingest message %s is neither a split request nor an S3 notification; dropped",
                    message.messageId());
        }
    }

    /** Splits one job's input, or one page range of it; see the class comment for redelivery. */
    public void split(SplitRequested request, boolean lastAttempt) {
        split(request, lastAttempt, null);
    }

    /**
     * Splits within the time this message has ({@code until}: its share of the invocation, null for no bound). A
     * split that cannot finish in time fails this delivery with the reason instead of being killed with its batch:
     * the message comes back, and on its last delivery the job fails saying so.
     */
    public void split(SplitRequested request, boolean lastAttempt, Instant until) {
        Job job = jobs.find(request.taskId()).orElse(null);
        if (job == null || job.state().finished() || !job.userId().equals(request.userId())) {
            return;
        }
        try {
            if (request.range() != null) {
                splitRange(job, request.range(), until);
            } else if (!job.splitDone()) {
                splitWhole(job, request, until);
            }
        } catch (UnreadableDocumentException e) {
            if (e.reason() == UnreadableDocumentException.Reason.OUT_OF_TIME) {
                LOG.warnf("job %s: %s (last attempt: %s)", job.taskId(), e.getMessage(), lastAttempt);
                if (lastAttempt) {
                    jobs.fail(job.taskId(), e.getMessage() + "; it was tried on every allowed delivery");
                }
                throw e;
            }
            metrics.counter("engram.documents.unreadable", "reason", e.reason().name().toLowerCase()).increment();
            jobs.fail(job.taskId(), e.getMessage());
        } catch (InputMissingException e) {
            jobs.fail(job.taskId(), e.getMessage());
        } catch (RuntimeException e) {
            if (lastAttempt) {
                // The job's error is shown to its owner: a plain reason; the detail (SQL, ARNs, account ids) is logged.
                LOG.errorf(e, "job %s: splitting failed on its last delivery", job.taskId());
                jobs.fail(job.taskId(), "splitting failed: " + plainReason(e));
            }
            throw e;
        }
    }

    private static String plainReason(RuntimeException e) {
        if (e instanceof UncheckedIOException) {
            return "the input could not be read; please retry";
        }
        if (e instanceof software.amazon.awssdk.core.exception.SdkException) {
            return "a storage or queue service did not answer as expected; please retry";
        }
        return "an internal error (" + e.getClass().getSimpleName() + "); please retry";
    }

    /** Chunks text and returns its chunks without sending them (the synchronous path processes them inline). */
    public List<Chunk> chunk(String text) {
        return chunker.chunk(text);
    }

    /** A message with less time than this left is not started: it could not even download and record its input. */
    private static final Duration LEAST_TIME = Duration.ofSeconds(2);

    private static void requireTime(Instant until, String step) {
        if (until != null && Duration.between(Instant.now(), until).compareTo(LEAST_TIME) < 0) {
            throw new UnreadableDocumentException(UnreadableDocumentException.Reason.OUT_OF_TIME,
                    "the split function's time ran out before " + step);
        }
    }

    private void splitWhole(Job job, SplitRequested request, Instant until) {
        requireTime(until, "the input was read");
        jobs.setStage(job.taskId(), JobStage.SPLITTING);
        if ("text/plain".equals(job.contentType())) {
            requireSize(job, settings.maxTextBytes());
            String text = readText(job);
            if (text.isBlank()) {
                jobs.fail(job.taskId(), "the input has no text to extract from");
                return;
            }
            send(job, chunker.chunk(text), job.contentType());
            return;
        }
        requireSize(job, settings.maxInputBytes());
        Path file = download(job);
        try {
            requireTime(until, "the document was parsed");
            if (isPdf(file)) {
                int pages = reader.pageCount(file, until);
                if (pages > settings.pdfPagesPerRange()) {
                    planRanges(job, request, pages);
                    return;
                }
            }
            ParsedDocument doc = reader.read(file, job.sourceId(), until);
            send(job, chunker.chunk(doc.sections(), 0), doc.format());
        } finally {
            delete(file);
        }
    }

    private void planRanges(Job job, SplitRequested request, int pages) {
        int size = settings.pdfPagesPerRange();
        int ranges = (pages + size - 1) / size;
        if (pageRanges.planRanges(job.taskId(), ranges, pages)) {
            LOG.infof("job %s: %d pages planned as %d page ranges", job.taskId(), pages, ranges);
        }
        List<SplitRequested> messages = new ArrayList<>();
        for (int r = 0; r < ranges; r++) {
            messages.add(request.forRange(new SplitRequested.PageRange(r, r * size + 1, Math.min(pages,
                    (r + 1) * size))));
        }
        queues.sendAll(QueueNames.INGEST, messages);
        jobs.markSplitDone(job.taskId());
    }

    private void splitRange(Job job, SplitRequested.PageRange range, Instant until) {
        if (!pageRanges.isRangeSent(job.taskId(), range.index())) {
            requireTime(until, "pages " + range.fromPage() + "-" + range.toPage() + " were read");
            requireSize(job, settings.maxInputBytes());
            Path file = download(job);
            List<Chunk> chunks;
            try {
                ParsedDocument doc = reader.readPdfPages(file, range.fromPage(), range.toPage(), until);
                chunks = chunker.chunk(doc.sections(), range.index() * RANGE_STRIDE);
            } finally {
                delete(file);
            }
            pageRanges.recordRange(job.taskId(), range.index(), chunks.size(), range.toPage() - range.fromPage() + 1);
            queues.sendAll(QueueNames.CHUNKS, messages(job, chunks));
            pageRanges.markRangeSent(job.taskId(), range.index());
        }
        // Settled on every delivery, not only the one that counted the range: a crash after the count (or after the
        // range was marked sent) must not leave a job whose every range and chunk is accounted for processing.
        jobs.find(job.taskId()).filter(after -> after.state() == JobState.PROCESSING).ifPresent(after -> {
            if (!after.pages().parsing() && after.totalChunks() != null && after.totalChunks() == 0) {
                jobs.fail(job.taskId(), "no extractable text; OCR is not supported");
            } else {
                // The last range may add no chunks after every other chunk was counted: finish here then.
                completion.finishIfComplete(after);
            }
        });
    }

    private void send(Job job, List<Chunk> chunks, String format) {
        if (chunks.isEmpty()) {
            jobs.fail(job.taskId(), "the input has no text to extract from");
            return;
        }
        if (!jobs.startProcessing(job.taskId(), chunks.size(), format)) {
            return;
        }
        queues.sendAll(QueueNames.CHUNKS, messages(job, chunks));
        jobs.markSplitDone(job.taskId());
        LOG.infof("job %s split into %d chunks", job.taskId(), chunks.size());
    }

    private static List<ChunkReady> messages(Job job, List<Chunk> chunks) {
        return chunks.stream().map(c -> new ChunkReady(job.taskId(), job.extractionId(), job.userId(),
                chunks.size(), c, job.options())).toList();
    }

    /**
     * Fails the job before anything is read when its stored input is bigger than {@code limit}: a presigned upload or
     * a drop-folder file never passed the API's limits, and downloading it could fill {@code /tmp} or the heap.
     */
    private void requireSize(Job job, long limit) {
        long size = blobs.head(job.inputKey())
                .orElseThrow(() -> new InputMissingException("the input object " + job.inputKey() + " is missing"))
                .size();
        if (size > limit) {
            throw tooLarge(size, limit);
        }
    }

    private static UnreadableDocumentException tooLarge(long size, long limit) {
        return new UnreadableDocumentException(UnreadableDocumentException.Reason.TOO_LARGE,
                "the file is too large: " + (size < 0 ? "more than " + limit : size) + " bytes, at most " + limit
                        + " are read; split it into smaller files");
    }

    private String readText(Job job) {
        long limit = settings.maxTextBytes();
        try (InputStream in = open(job)) {
            // Bounded even after the size check: the object may have been replaced since.
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge(-1, limit);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the input: " + e.getMessage(), e);
        }
    }

    /**
     * Downloads the input to a temporary file of its own, at most {@link SplitSettings#maxInputBytes()} of it. The
     * file and its directory are deleted when anything goes wrong: a partial file left in {@code /tmp} would make
     * every later job of a warm instance fail.
     */
    private Path download(Job job) {
        long limit = settings.maxInputBytes();
        // The file keeps its own name, so a parser's message names the user's file, not a temp file.
        String name = job.inputKey().substring(job.inputKey().lastIndexOf('/') + 1);
        Path file = null;
        boolean complete = false;
        try (InputStream in = open(job)) {
            file = Files.createTempDirectory("engram-input-").resolve(name.isBlank() ? "input" : name);
            try (var out = Files.newOutputStream(file)) {
                long copied = in.transferTo(new java.io.FilterOutputStream(out) {
                    private long written;

                    @Override
                    public void write(int b) throws IOException {
                        count(1);
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        count(len);
                        out.write(b, off, len);
                    }

                    private void count(int n) {
                        written += n;
                        if (written > limit) {
                            throw tooLarge(-1, limit);
                        }
                    }
                });
                LOG.debugf("job %s: downloaded %d bytes", job.taskId(), copied);
            }
            complete = true;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not download the input: " + e.getMessage(), e);
        } finally {
            if (!complete && file != null) {
                delete(file);
            }
        }
    }

    private InputStream open(Job job) {
        return blobs.open(job.inputKey())
                .orElseThrow(() -> new InputMissingException("the input object " + job.inputKey() + " is missing"));
    }

    private static boolean isPdf(Path file) {
        try {
            return FileSignature.of(file).family() == FileSignature.Family.PDF;
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", file, e.getMessage());
        }
    }

    /** The stored input is gone: retrying cannot help. */
    static final class InputMissingException extends RuntimeException {
        InputMissingException(String message) {
            super(message);
        }
    }
}
