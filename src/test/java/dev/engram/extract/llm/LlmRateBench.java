package dev.engram.extract.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.progress.Job;
import dev.engram.progress.JobStore;
import dev.engram.split.ChunkReady;
import dev.engram.testing.Await;
import dev.engram.testing.Users;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A benchmark, not a test ({@code make bench-llm}): 1,500 chunks through the local pipeline against a provider whose
 * quota (600 requests/min, a token bucket refilled continuously holding 5 s of quota, 429 with Retry-After when empty,
 * 0.3-1.5 s per answer) is half the configured rate. {@code achieved_rpm} counts successful extraction calls per
 * minute from the end of the first minute until the last 20 (the final in-flight drain); writes
 * {@code target/bench/llm-rate.json}.
 */
@QuarkusTest
@TestProfile(LlmBenchProfile.class)
@EnabledIfSystemProperty(named = "engram.bench", matches = "true")
class LlmRateBench {

    private static final int QUOTA_RPM = 600;
    private static final int JOBS = 15;
    private static final int CHUNKS_PER_JOB = 100;
    private static final long WARM_UP_NANOS = Duration.ofMinutes(1).toNanos();

    @InjectFakeOpenAi
    FakeOpenAi fake;
    @Inject
    JobStore jobs;
    @Inject
    QueueSender queues;
    @Inject
    MeterRegistry metrics;

    @Test
    void achievedRateUnderAQuotaBelowTheConfiguredRate() throws Exception {
        fake.quota(QUOTA_RPM, QUOTA_RPM / 12).latency(300, 1500);
        List<Job> submitted = new ArrayList<>();
        List<ChunkReady> messages = new ArrayList<>();
        for (int j = 0; j < JOBS; j++) {
            Job job = PipelineJobs.processing(jobs, Users.fresh("bench"), CHUNKS_PER_JOB);
            submitted.add(job);
            for (int i = 0; i < CHUNKS_PER_JOB; i++) {
                messages.add(PipelineJobs.chunk(job, i, "Action item: owner " + j + "-" + i
                        + " to send the weekly report for workstream " + i + " by Feb 1."));
            }
        }
        long start = System.nanoTime();
        queues.sendAll(QueueNames.CHUNKS, messages);

        Await.until("every job to finish", Duration.ofMinutes(15), () -> submitted.stream()
                .filter(j -> jobs.find(j.taskId()).orElseThrow().state().finished()).count(),
                n -> n == submitted.size());
        long elapsed = System.nanoTime() - start;

        int done = 0;
        for (Job j : submitted) {
            done += jobs.find(j.taskId()).orElseThrow().chunksDone();
        }
        List<Long> successes = fake.successTimes().stream().map(t -> t - start).sorted().toList();
        long end = successes.get(Math.max(0, successes.size() - 21));
        long inWindow = successes.stream().filter(t -> t >= WARM_UP_NANOS && t <= end).count();
        double achieved = end > WARM_UP_NANOS ? inWindow / ((end - WARM_UP_NANOS) / 60e9) : 0;
        double exhausted = Search.in(metrics).name("engram.llm.retries_exhausted").counters().stream()
                .mapToDouble(c -> c.count()).sum();

        ObjectNode out = new ObjectMapper().createObjectNode()
                .put("quota_rpm", QUOTA_RPM)
                .put("achieved_rpm", Math.round(achieved * 10) / 10.0)
                .put("lost", messages.size() - done)
                .put("retries_exhausted", (long) exhausted)
                .put("http_429", fake.throttled());
        Path file = Path.of("target", "bench", "llm-rate.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toPrettyString() + "\n");
        System.out.printf("%nllm-rate: %s%n  chunks %d, configured %d/min, %.0f s in all, steady window %.0f s%n%n",
                out, messages.size(), LlmBenchProfile.CONFIGURED_RPM, elapsed / 1e9, (end - WARM_UP_NANOS) / 1e9);
        assertThat(done).isPositive();
    }
}
