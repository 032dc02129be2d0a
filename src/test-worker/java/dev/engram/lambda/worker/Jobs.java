package dev.engram.lambda.worker;

import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobStage;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import java.time.Instant;
import java.util.List;

/** Jobs as the API records them, for handler tests that start mid-pipeline. */
final class Jobs {

    private Jobs() {
    }

    /** A freshly submitted job whose input is (to be) stored under {@code inputs/<user>/<task>.txt}. */
    static Job pending(JobStore jobs, String user) {
        String body = JobIds.newBody();
        String taskId = JobIds.taskId(body);
        Instant now = Instant.now();
        Job job = new Job(taskId, JobIds.extractionId(body), user, "manual", null,
                "inputs/" + user + "/" + taskId + ".txt", "text/plain", JobState.PENDING, JobStage.QUEUED,
                ExtractionStatus.PROCESSING, null, 0, 0, 0, null,
                new JobOptions(List.of("all"), "2024-01-15", "UTC", false), false, now, now);
        if (!jobs.create(job)) {
            throw new IllegalStateException("job " + taskId + " exists");
        }
        return job;
    }

    /** A job already split into {@code chunks} chunks, waiting for them to be processed. */
    static Job split(JobStore jobs, String user, int chunks) {
        Job job = pending(jobs, user);
        jobs.startProcessing(job.taskId(), chunks, job.contentType());
        jobs.markSplitDone(job.taskId());
        return jobs.find(job.taskId()).orElseThrow();
    }
}
