package dev.engram.progress;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

/**
 * Finishes a job whose chunks are all accounted for, once, hands its extraction to review and announces
 * {@link JobFinished} (auto-save listens).
 */
@ApplicationScoped
public class JobCompletion {

    private static final Logger LOG = Logger.getLogger(JobCompletion.class);

    private final JobStore jobs;
    private final MeterRegistry metrics;
    private final Event<JobFinished> finished;

    JobCompletion(JobStore jobs, MeterRegistry metrics, Event<JobFinished> finished) {
        this.jobs = jobs;
        this.metrics = metrics;
        this.finished = finished;
    }

    /**
     * Finishes the job if every chunk is counted; does nothing when another delivery already did.
     *
     * @return whether this call finished it
     */
    public boolean finishIfComplete(Job counted) {
        var finishedNow = jobs.finishIfComplete(counted);
        finishedNow.ifPresent(this::onFinished);
        return finishedNow.isPresent();
    }

    /**
     * Completes the follow-up of a job that is finished but whose follow-up was interrupted: its review status still
     * says {@code processing}, or the auto-save it asked for did not happen (a deadlock or a crash between the job's
     * state change and the save). Whoever finished the job threw, so its chunk message comes back; the process stage
     * calls this for a chunk that was already counted. Every step is idempotent, so a follow-up still running in
     * another delivery at the same time does no harm.
     */
    public void resumeIfInterrupted(Job job) {
        if (interrupted(job)) {
            LOG.infof("job %s is %s but its follow-up was interrupted; completing it", job.taskId(),
                    job.state().wire());
            followUp(job);
        }
    }

    static boolean interrupted(Job job) {
        if (!job.state().finished() || job.state() == JobState.CANCELLED) {
            return false;
        }
        return job.extractionStatus() == ExtractionStatus.PROCESSING
                || job.extractionStatus() == ExtractionStatus.PENDING_REVIEW && job.options().autoSave()
                        && job.state() != JobState.FAILED;
    }

    private void onFinished(Job job) {
        metrics.counter("engram.tasks.finished", "state", job.state().wire()).increment();
        if (job.state() == JobState.COMPLETED && job.memoriesExtracted() == 0) {
            metrics.counter("engram.extractions.zero_yield").increment();
        }
        LOG.infof("job %s %s with %d memories", job.taskId(), job.state().wire(), job.memoriesExtracted());
        followUp(job);
    }

    private void followUp(Job job) {
        if (job.extractionStatus() == ExtractionStatus.PROCESSING) {
            jobs.setExtractionStatus(job.taskId(), ExtractionStatus.PENDING_REVIEW);
        }
        finished.fire(new JobFinished(job));
    }
}
