package dev.engram.extract.llm;

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

/** Jobs already split into chunks, and their chunk messages, for tests that drive the chunk queue directly. */
public final class PipelineJobs {

    private PipelineJobs() {
    }

    /** A job in {@code processing} with {@code chunks} chunks, split done. */
    public static Job processing(JobStore jobs, String user, int chunks) {
        String body = JobIds.newBody();
        Instant now = Instant.now();
        Job job = new Job(JobIds.taskId(body), JobIds.extractionId(body), user, "manual", null,
                "inputs/" + user + "/test.txt", "text/plain", JobState.PENDING, JobStage.QUEUED,
                ExtractionStatus.PROCESSING, null, 0, 0, 0, null, options(), false, now, now);
        assertThat(jobs.create(job)).isTrue();
        assertThat(jobs.startProcessing(job.taskId(), chunks, "text/plain")).isTrue();
        jobs.markSplitDone(job.taskId());
        return jobs.find(job.taskId()).orElseThrow();
    }

    /** The message of chunk {@code index} of {@code job}. */
    public static ChunkReady chunk(Job job, int index, String text) {
        Chunk c = new Chunk(index, text, 0, text.length(), 0, null, null, null, 30);
        return new ChunkReady(job.taskId(), job.extractionId(), job.userId(), job.totalChunks(), c, options());
    }

    /** A chunk text that steers the fake provider (see {@link FakeOpenAi}). */
    public static String scripted(String key, String script) {
        return "Action item: Sarah to prepare market research by Feb 1. [[" + key + ":" + script + "]]";
    }

    private static JobOptions options() {
        return new JobOptions(List.of("all"), "2024-01-15", "UTC", false);
    }
}
