package dev.engram.ingest;

import dev.engram.graph.GraphPurge;
import dev.engram.platform.aws.BlobStore;
import dev.engram.platform.errors.Conflict;
import dev.engram.platform.errors.NotFound;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.review.ReviewService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** A user's control over their jobs: cancel one that runs, retry one that failed, purge one with all it produced. */
@ApplicationScoped
class JobControl {

    private static final Logger LOG = Logger.getLogger(JobControl.class);

    private final JobStore jobs;
    private final IngestService ingest;
    private final ReviewService review;
    private final BlobStore blobs;
    private final GraphPurge graph;

    JobControl(JobStore jobs, IngestService ingest, ReviewService review, BlobStore blobs, GraphPurge graph) {
        this.graph = graph;
        this.jobs = jobs;
        this.ingest = ingest;
        this.review = review;
        this.blobs = blobs;
    }

    /** Stops a pending or processing job; chunks not yet processed are skipped. */
    public ExtractResponse cancel(String userId, String taskId) {
        Job job = owned(userId, taskId);
        if (!jobs.cancel(job.taskId())) {
            throw new Conflict("the task has already finished (" + job.state().wire() + ")");
        }
        return ingest.answer(jobs.find(taskId).orElseThrow());
    }

    /** Runs a failed, cancelled or partly failed job again as a new job over the same stored input. */
    public ExtractResponse retry(String userId, String taskId) {
        Job job = owned(userId, taskId);
        if (job.state() != JobState.FAILED && job.state() != JobState.CANCELLED
                && job.state() != JobState.COMPLETED_WITH_ERRORS) {
            throw new Conflict("only failed, cancelled or partly failed tasks can be retried; this one is "
                    + job.state().wire());
        }
        if (job.inputKey() == null) {
            // A chat job's input is its conversation's messages, not a stored object.
            throw new Conflict("the task has no stored input to run again (its messages are in "
                    + "conversation " + job.sourceId() + "); post them again");
        }
        if (blobs.head(job.inputKey()).isEmpty()) {
            throw new Conflict("the task's input is no longer stored; submit it again");
        }
        Job again = Job.accepted(JobIds.taskId(JobIds.newBody()), userId, job.source(), job.sourceId(),
                job.inputKey(), job.contentType(), job.options());
        jobs.create(again);
        ingest.enqueue(again);
        LOG.infof("job %s retried as %s", taskId, again.taskId());
        return ingest.answer(again);
    }

    /**
     * Deletes a job and what it owns: its chunks, its proposed memories, its part of the knowledge graph (evidence, and
     * facts and entities left without any), the memories saved from it (except one that
     * also holds another job's confirmation, which passes to that job), its record, and its stored input unless the
     * input is the user's own drop-folder file or another job of the user (a retry, a bulk sibling) still reads it.
     * The job's rows can be purged after its record expired from the job table too. Purge wins over work in flight:
     * the job is cancelled first (its remaining chunks are skipped), its rows are deleted before and after its
     * record, and a chunk that stores its memories in between finds the record gone when it counts and deletes what
     * it stored; the job's records are written only conditionally, so no late write brings a stub of it back.
     */
    public void purge(String userId, String taskId) {
        Job job = jobs.findOwned(taskId, userId).orElse(null);
        if (job == null) {
            // The record expired (30 days) or never existed: what Postgres still holds of it can be purged all the same.
            if (!JobIds.isTaskId(taskId) || !review.holdsJob(userId, taskId)) {
                throw new NotFound("task " + taskId);
            }
            int memories = review.purgeJob(userId, taskId);
            graph.purgeJob(userId, taskId);
            LOG.infof("job %s (record expired) purged with %d saved memories", taskId, memories);
            return;
        }
        jobs.cancel(job.taskId());
        int memories = review.purgeJob(userId, job.taskId());
        if (ownsInput(job)) {
            blobs.delete(job.inputKey());
        }
        jobs.delete(job.taskId());
        memories += review.purgeJob(userId, job.taskId());
        graph.purgeJob(userId, job.taskId());
        LOG.infof("job %s purged with %d saved memories", taskId, memories);
    }

    /** Whether a job's stored input goes with it: not a drop-folder original, not an input another job reads. */
    private boolean ownsInput(Job job) {
        if (job.inputKey() == null || job.inputKey().startsWith("drop/")) {
            return false;
        }
        String cursor = null;
        do {
            var page = jobs.listForUser(job.userId(), 100, cursor);
            for (Job other : page.jobs()) {
                if (!other.taskId().equals(job.taskId()) && job.inputKey().equals(other.inputKey())) {
                    return false;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return true;
    }

    private Job owned(String userId, String taskId) {
        return jobs.findOwned(taskId, userId).orElseThrow(() -> new NotFound("task " + taskId));
    }
}
