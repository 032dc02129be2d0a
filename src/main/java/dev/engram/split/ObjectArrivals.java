package dev.engram.split;

import dev.engram.platform.aws.BlobStore;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns objects that land in the bucket into work: anything under {@code drop/{user}/} becomes a job of that user
 * (one job per object version, however often the notification arrives), and an object under
 * {@code uploads/{user}/{task_id}/} starts the job its presigned URL was issued for.
 */
@ApplicationScoped
public class ObjectArrivals {

    private static final Logger LOG = Logger.getLogger(ObjectArrivals.class);

    private final JobStore jobs;
    private final BlobStore blobs;
    private final MeterRegistry metrics;

    ObjectArrivals(JobStore jobs, BlobStore blobs, MeterRegistry metrics) {
        this.jobs = jobs;
        this.blobs = blobs;
        this.metrics = metrics;
    }

    /** The split request for a created object, or empty when the object is not Engram's to process. */
    public Optional<SplitRequested> accept(S3Notification.CreatedObject object) {
        if (!blobs.bucket().equals(object.bucket())) {
            LOG.warnf("notification for bucket %s ignored; Engram reads %s", object.bucket(), blobs.bucket());
            return Optional.empty();
        }
        String[] parts = object.key().split("/", 4);
        if (object.key().endsWith("/") || parts.length < 3 || parts[1].isBlank()) {
            return Optional.empty();
        }
        return switch (parts[0]) {
            case "drop" -> Optional.of(dropped(object, parts[1]));
            case "uploads" -> uploaded(object, parts);
            default -> Optional.empty();
        };
    }

    private SplitRequested dropped(S3Notification.CreatedObject object, String userId) {
        String taskId = JobIds.taskId(JobIds.bodyFor(object.versionKey()));
        Job job = Job.accepted(taskId, userId, "drop:" + object.key(), object.key(), object.key(), null,
                JobOptions.defaults());
        if (jobs.create(job)) {
            metrics.counter("engram.tasks.queued", "source", "drop").increment();
            LOG.infof("drop-folder object %s became job %s of %s", object.key(), taskId, userId);
        }
        return SplitRequested.of(taskId, userId, object.key());
    }

    private Optional<SplitRequested> uploaded(S3Notification.CreatedObject object, String[] parts) {
        if (parts.length < 4) {
            return Optional.empty();
        }
        String userId = parts[1];
        Optional<Job> job = jobs.findOwned(parts[2], userId).filter(j -> object.key().equals(j.inputKey()));
        if (job.isEmpty()) {
            LOG.warnf("upload %s matches no job of %s; the object is kept", object.key(), userId);
            return Optional.empty();
        }
        if (job.get().state() != JobState.PENDING) {
            return Optional.empty();
        }
        return Optional.of(SplitRequested.of(job.get().taskId(), userId, object.key()));
    }
}
