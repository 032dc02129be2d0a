package dev.engram.review;

import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.JobFinished;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Saves a finished job's memories without review when its submitter asked for {@code auto_save}. */
@ApplicationScoped
class AutoSave {

    private static final Logger LOG = Logger.getLogger(AutoSave.class);

    private final ReviewService review;
    private final JobStore jobs;

    AutoSave(ReviewService review, JobStore jobs) {
        this.review = review;
        this.jobs = jobs;
    }

    void onFinished(@Observes JobFinished event) {
        var job = event.job();
        if (!job.options().autoSave() || job.state() == JobState.FAILED) {
            return;
        }
        int saved = review.autoSave(job.userId(), job.extractionId(), job.source(), job.sourceId());
        jobs.setExtractionStatus(job.taskId(), ExtractionStatus.AUTO_SAVED);
        LOG.infof("job %s: %d memories auto-saved", job.taskId(), saved);
    }
}
