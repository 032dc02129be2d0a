package dev.engram.ingest;

import dev.engram.platform.aws.BlobStore;
import dev.engram.platform.errors.Invalid;
import dev.engram.platform.errors.Malformed;
import dev.engram.platform.errors.TooLarge;
import dev.engram.platform.errors.UnsupportedFileType;
import dev.engram.progress.Job;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Files by API: small ones in the request (stored in S3, then queued), big ones by presigned PUT straight to S3
 * (the job starts when the object lands). The original stays in S3 whatever happens next.
 */
@ApplicationScoped
class FileIngestService {

    private final BlobStore blobs;
    private final JobStore jobs;
    private final IngestService ingest;
    private final IdempotencyGuard idempotency;
    private final IngestSettings settings;
    private final MeterRegistry metrics;

    FileIngestService(BlobStore blobs, JobStore jobs, IngestService ingest, IdempotencyGuard idempotency,
            IngestSettings settings, MeterRegistry metrics) {
        this.blobs = blobs;
        this.jobs = jobs;
        this.ingest = ingest;
        this.idempotency = idempotency;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Accepts an uploaded file; the split stage parses it. */
    public ExtractResponse submitFile(String userId, String fileName, Path file, String declaredType,
            JobOptions options, String idempotencyKey) {
        byte[] bytes = read(file);
        if (bytes.length > settings.maxUploadBytes()) {
            throw new TooLarge("the file has " + bytes.length + " bytes; at most " + settings.maxUploadBytes()
                    + " can be sent in a request: use POST /api/v1/uploads for a presigned upload, or the drop folder");
        }
        String kind = FileSniffer.kind(bytes, Math.min(bytes.length, 8192)).orElseThrow(() -> new UnsupportedFileType(
                "Engram reads PDF, DOCX, DOC, Markdown and plain text; this file is none of them"));
        if ("empty".equals(kind)) {
            throw new Malformed("file: the file is empty");
        }
        String name = FileSniffer.safeName(fileName);
        var fingerprint = new FileFingerprint(name, declaredType, sha256(bytes), options);
        return idempotency.once(userId, idempotencyKey, "POST /api/v1/memories/extract/file", fingerprint, taskId -> {
            String key = "inputs/" + userId + "/" + taskId + "/" + name;
            blobs.put(key, bytes, declaredType == null ? "application/octet-stream" : declaredType,
                    Map.of("user-id", userId, "task-id", taskId));
            Job job = Job.accepted(taskId, userId, "file", name, key, null, options);
            jobs.create(job);
            metrics.counter("engram.tasks.queued", "source", "file").increment();
            ingest.enqueue(job);
            return ingest.answer(job);
        }, ingest::answer);
    }

    /** Issues a presigned PUT for a file and records its job, which waits for the object. */
    public UploadTicket createUpload(String userId, UploadRequest r, String idempotencyKey) {
        if (r == null || r.filename() == null || r.filename().isBlank()) {
            throw Invalid.field("filename", "required");
        }
        if (r.size() != null && (r.size() <= 0 || r.size() > settings.maxObjectBytes())) {
            throw new TooLarge("size must be between 1 and " + settings.maxObjectBytes() + " bytes");
        }
        JobOptions options = FileSubmission.options(r.extractTypes(), r.referenceDate(), r.timezone(), r.autoSave());
        String name = FileSniffer.safeName(r.filename());
        String contentType = r.contentType() == null || r.contentType().isBlank() ? "application/octet-stream"
                : r.contentType();
        return idempotency.once(userId, idempotencyKey, "POST /api/v1/uploads", r, taskId -> {
            String key = "uploads/" + userId + "/" + taskId + "/" + name;
            Job job = Job.accepted(taskId, userId, "upload", name, key, null, options);
            jobs.create(job);
            metrics.counter("engram.tasks.queued", "source", "upload").increment();
            return ticket(job, contentType);
        }, job -> ticket(job, contentType));
    }

    private UploadTicket ticket(Job job, String contentType) {
        Instant expires = Instant.now().plus(settings.presignedValidity());
        String url = blobs.presignPut(job.inputKey(), contentType, settings.presignedValidity());
        jobs.awaitUpload(job.taskId(), expires);
        return new UploadTicket(job.taskId(), job.extractionId(), "processing", url, "PUT",
                Map.of("Content-Type", contentType), expires);
    }

    /** What a file submission asked for, as its Idempotency-Key is bound to it: the file by its digest. */
    private record FileFingerprint(String name, String declaredType, String sha256, JobOptions options) {
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new Malformed("file: could not be read: " + e.getMessage());
        }
    }
}
