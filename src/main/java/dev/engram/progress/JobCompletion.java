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

    /** Finishes the job if every chunk is counted; does nothing when another delivery already did. */
    public void finishIfComplete(Job counted) {
        jobs.finishIfComplete(counted).ifPresent(this::onFinished);
    }

    private void onFinished(Job job) {
        metrics.counter("engram.tasks.finished", "state", job.state().wire()).increment();
        if (job.state() == JobState.COMPLETED && job.memoriesExtracted() == 0) {
            metrics.counter("engram.extractions.zero_yield").increment();
        }
        if (job.extractionStatus() == ExtractionStatus.PROCESSING) {
            jobs.setExtractionStatus(job.taskId(), ExtractionStatus.PENDING_REVIEW);
        }
        LOG.infof("job %s %s with %d memories", job.taskId(), job.state().wire(), job.memoriesExtracted());
        finished.fire(new JobFinished(job));
    }
}
