package dev.engram.progress;

import dev.engram.platform.schedule.ScheduledStage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The sweep stage, run with the hourly schedule: finishes every job whose chunks are all accounted for but that a
 * crash between the last count and the finish left {@code processing}, and completes the follow-up of finished jobs
 * whose review status still says {@code processing}. A redelivered chunk does the same for its own job; this catches
 * the jobs whose last message was acknowledged before the crash. It also fails upload jobs whose presigned URL
 * expired unused, and jobs whose submission was cut off before their split request was sent (the API answered an
 * error, and recording it on the job failed too), instead of leaving them pending for the record's lifetime.
 * Idempotent: every transition is conditional.
 */
@ApplicationScoped
public class JobSweeper implements ScheduledStage {

    private static final Logger LOG = Logger.getLogger(JobSweeper.class);
    /** Records read per scan request. */
    private static final int PAGE = 500;

    private final JobStore jobs;
    private final JobCompletion completion;

    JobSweeper(JobStore jobs, JobCompletion completion) {
        this.jobs = jobs;
        this.completion = completion;
    }

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public int run() {
        int settled = 0;
        JobStore.ScanPage page = jobs.unsettled(PAGE, null);
        while (true) {
            for (Job job : page.jobs()) {
                settled += settle(job) ? 1 : 0;
            }
            if (page.next() == null) {
                break;
            }
            page = jobs.unsettled(PAGE, page.next());
        }
        if (settled > 0) {
            LOG.infof("sweep settled %d jobs left unfinished by an interrupted delivery", settled);
        }
        return settled;
    }

    private boolean settle(Job job) {
        try {
            if (job.state() == JobState.PROCESSING) {
                return completion.finishIfComplete(job);
            }
            if (job.state() == JobState.PENDING) {
                // Scanned pending: upload jobs whose URL expired unused, and jobs whose split request never left.
                return jobs.expireUpload(job.taskId()) || jobs.failNeverQueued(job.taskId());
            }
            if (JobCompletion.interrupted(job)) {
                completion.resumeIfInterrupted(job);
                return true;
            }
        } catch (RuntimeException e) {
            LOG.warnf("sweep could not settle job %s now (%s); it tries again next time", job.taskId(),
                    e.getMessage());
        }
        return false;
    }
}
