package dev.engram.extract;

import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.review.ReviewService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Finishes a job whose chunks are all accounted for, once, and hands its extraction to review or auto-save. */
@ApplicationScoped
public class JobCompletion {

    private static final Logger LOG = Logger.getLogger(JobCompletion.class);

    private final JobStore jobs;
    private final ReviewService review;
    private final MeterRegistry metrics;

    JobCompletion(JobStore jobs, ReviewService review, MeterRegistry metrics) {
        this.jobs = jobs;
        this.review = review;
        this.metrics = metrics;
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
        if (job.options().autoSave() && job.state() != JobState.FAILED) {
            int saved = review.autoSave(job.userId(), job.extractionId(), job.source(), job.sourceId());
            jobs.setExtractionStatus(job.taskId(), ExtractionStatus.AUTO_SAVED);
            LOG.infof("job %s %s; %d memories auto-saved", job.taskId(), job.state().wire(), saved);
        } else if (job.extractionStatus() == ExtractionStatus.PROCESSING) {
            jobs.setExtractionStatus(job.taskId(), ExtractionStatus.PENDING_REVIEW);
            LOG.infof("job %s %s; %d memories await review", job.taskId(), job.state().wire(),
                    job.memoriesExtracted());
        }
    }
}
