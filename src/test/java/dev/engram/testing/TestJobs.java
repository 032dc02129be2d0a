package dev.engram.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobStage;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.split.Chunk;
import dev.engram.split.ChunkReady;
import java.time.Instant;
import java.util.List;

/** Jobs in the real job table as the split stage leaves them, and their chunk messages, for process-stage tests. */
public final class TestJobs {

    private TestJobs() {
    }

    /** A text job of {@code user} that was split into {@code chunks} chunks and waits for them. */
    public static Job processing(JobStore jobs, String user, int chunks, boolean autoSave) {
        String body = JobIds.newBody();
        Instant now = Instant.now();
        Job job = new Job(JobIds.taskId(body), JobIds.extractionId(body), user, "manual", null,
                "inputs/" + user + "/test.txt", "text/plain", JobState.PENDING, JobStage.QUEUED,
                ExtractionStatus.PROCESSING, null, 0, 0, 0, null, options("UTC", autoSave), false, now, now);
        assertThat(jobs.create(job)).isTrue();
        assertThat(jobs.startProcessing(job.taskId(), chunks, "text/plain")).isTrue();
        jobs.markSplitDone(job.taskId());
        return jobs.find(job.taskId()).orElseThrow();
    }

    /** The message the split stage sends for chunk {@code index} of a job. */
    public static ChunkReady chunk(Job job, int index, String text, String zone) {
        Chunk c = new Chunk(index, text, 0, text.length(), 0, null, null, null, 30);
        return new ChunkReady(job.taskId(), job.extractionId(), job.userId(), 2, c,
                options(zone, job.options().autoSave()));
    }

    private static JobOptions options(String zone, boolean autoSave) {
        return new JobOptions(List.of("all"), "2024-02-01", zone, autoSave);
    }
}
