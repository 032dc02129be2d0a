package dev.engram.ingest;

import dev.engram.platform.aws.BlobStore;
import dev.engram.platform.web.ApiException;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.review.ReviewService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** A user's control over their jobs: cancel one that runs, retry one that failed, purge one with all it produced. */
@ApplicationScoped
public class JobControl {

    private static final Logger LOG = Logger.getLogger(JobControl.class);

    private final JobStore jobs;
    private final IngestService ingest;
    private final ReviewService review;
    private final BlobStore blobs;

    JobControl(JobStore jobs, IngestService ingest, ReviewService review, BlobStore blobs) {
        this.jobs = jobs;
        this.ingest = ingest;
        this.review = review;
        this.blobs = blobs;
    }

    /** Stops a pending or processing job; chunks not yet processed are skipped. */
    public ExtractResponse cancel(String userId, String taskId) {
        Job job = owned(userId, taskId);
        if (!jobs.cancel(job.taskId())) {
            throw ApiException.conflict("the task has already finished (" + job.state().wire() + ")");
        }
        return ingest.answer(jobs.find(taskId).orElseThrow());
    }

    /** Runs a failed, cancelled or partly failed job again as a new job over the same stored input. */
    public ExtractResponse retry(String userId, String taskId) {
        Job job = owned(userId, taskId);
        if (job.state() != JobState.FAILED && job.state() != JobState.CANCELLED
                && job.state() != JobState.COMPLETED_WITH_ERRORS) {
            throw ApiException.conflict("only failed, cancelled or partly failed tasks can be retried; this one is "
                    + job.state().wire());
        }
        if (blobs.head(job.inputKey()).isEmpty()) {
            throw ApiException.conflict("the task's input is no longer stored; submit it again");
        }
        Job again = Job.accepted(JobIds.taskId(JobIds.newBody()), userId, job.source(), job.sourceId(),
                job.inputKey(), job.contentType(), job.options());
        jobs.create(again);
        ingest.enqueue(again);
        LOG.infof("job %s retried as %s", taskId, again.taskId());
        return ingest.answer(again);
    }

    /**
     * Deletes a job, its stored input and everything derived from it (chunks, proposed and saved memories). Purge
     * wins over work in flight: the job is cancelled first (its remaining chunks are skipped), its rows are deleted
     * before and after its record, and a chunk that stores its memories in between finds the record gone when it
     * counts and deletes what it stored; the job's records are written only conditionally, so no late write brings a
     * stub of it back.
     */
    public void purge(String userId, String taskId) {
        Job job = owned(userId, taskId);
        jobs.cancel(job.taskId());
        int memories = review.purgeJob(userId, job.taskId());
        if (job.inputKey() != null) {
            blobs.delete(job.inputKey());
        }
        jobs.delete(job.taskId());
        memories += review.purgeJob(userId, job.taskId());
        LOG.infof("job %s purged with its input and %d saved memories", taskId, memories);
    }

    private Job owned(String userId, String taskId) {
        return jobs.findOwned(taskId, userId).orElseThrow(() -> ApiException.notFound("task " + taskId));
    }
}
