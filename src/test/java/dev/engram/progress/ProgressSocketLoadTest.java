package dev.engram.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.extract.llm.PipelineJobs;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * 200 progress sockets on 50 running jobs of 10 users (20 sockets each, the per-user maximum), while the jobs are
 * counted chunk by chunk in the real job table: every socket sees its own job's final state and nothing of any other
 * job. Writes what it measured to {@code target/bench/progress-sockets.json}.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ProgressSocketLoadTest {

    private static final int USERS = 10;
    private static final int JOBS_PER_USER = 5;
    private static final int SOCKETS_PER_JOB = 4;
    private static final int CHUNKS = 4;

    @TestHTTPResource("/")
    URL base;
    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    JobCompletion completion;
    @Inject
    ObjectMapper json;

    /** One client socket and what it should see. */
    private record Watcher(String user, Job job, SocketClient socket) {
    }

    @Test
    void twoHundredSocketsOnFiftyRunningJobsEachSeeTheirOwnJobsFinalStateOnly() throws Exception {
        List<Watcher> watchers = new ArrayList<>();
        List<Job> running = new ArrayList<>();
        Map<String, Long> finishedAt = new ConcurrentHashMap<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            long openStart = System.nanoTime();
            for (int u = 0; u < USERS; u++) {
                String user = Users.fresh("load" + u);
                String token = TestTokens.forUser(user);
                for (int j = 0; j < JOBS_PER_USER; j++) {
                    Job job = PipelineJobs.processing(jobs, user, CHUNKS);
                    running.add(job);
                    for (int s = 0; s < SOCKETS_PER_JOB; s++) {
                        URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + "api/v1/memories/extract/"
                                + job.taskId() + "/ws?access_token=" + token);
                        watchers.add(new Watcher(user, job, SocketClient.open(http, uri)));
                    }
                }
            }
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            for (Watcher w : watchers) {
                w.socket().next(ProgressSocketTest.WAIT); // each has its first state before the jobs move
            }

            // Count every chunk of every job in random order, as concurrent process functions would.
            List<String> steps = new ArrayList<>();
            running.forEach(j -> { for (int c = 0; c < CHUNKS; c++) { steps.add(j.taskId() + "#" + c); } });
            Collections.shuffle(steps, new Random(21));
            long countStart = System.nanoTime();
            for (String step : steps) {
                String taskId = step.substring(0, step.indexOf('#'));
                int chunk = Integer.parseInt(step.substring(step.indexOf('#') + 1));
                chunkLedger.recordChunkDone(taskId, chunk, 1).filter(completion::finishIfComplete)
                        .ifPresent(done -> finishedAt.put(taskId, System.nanoTime()));
            }
            double countSeconds = (System.nanoTime() - countStart) / 1e9;
            assertThat(finishedAt).hasSize(running.size());

            List<Long> latencies = new ArrayList<>();
            int messages = 0;
            for (Watcher w : watchers) {
                assertThat(w.socket().closed(Duration.ofSeconds(30)).code()).as(w.job().taskId()).isEqualTo(1000);
                List<String> received = w.socket().received();
                messages += received.size();
                for (String m : received) {
                    JsonNode view = json.readTree(m);
                    assertThat(view.path("task_id").asText()).as("a socket of %s saw", w.job().taskId())
                            .isEqualTo(w.job().taskId());
                }
                JsonNode last = json.readTree(received.get(received.size() - 1));
                assertThat(last.path("state").asText()).isEqualTo("completed");
                assertThat(last.path("result").path("memories_extracted").asInt()).isEqualTo(CHUNKS);
            }
            for (Watcher w : watchers) {
                latencies.add((w.socket().lastArrival() - finishedAt.get(w.job().taskId())) / 1_000_000);
            }
            Collections.sort(latencies);
            String report = String.format(java.util.Locale.ROOT,
                    "{\"sockets\":%d,\"jobs\":%d,\"users\":%d,\"chunks_per_job\":%d,\"open_seconds\":%.2f,"
                            + "\"counting_seconds\":%.2f,\"messages\":%d,\"messages_per_socket\":%.1f,"
                            + "\"final_state_seen\":%d,\"foreign_messages\":0,\"final_latency_ms\":"
                            + "{\"p50\":%d,\"p95\":%d,\"max\":%d},\"watch_interval_ms\":500}",
                    watchers.size(), running.size(), USERS, CHUNKS, openSeconds, countSeconds, messages,
                    (double) messages / watchers.size(), watchers.size(), latencies.get(latencies.size() / 2),
                    latencies.get(latencies.size() * 95 / 100), latencies.get(latencies.size() - 1));
            Files.createDirectories(Path.of("target", "bench"));
            Files.writeString(Path.of("target", "bench", "progress-sockets.json"), report + "\n");
            System.out.println("==> progress sockets: " + report);
        }
    }
}
