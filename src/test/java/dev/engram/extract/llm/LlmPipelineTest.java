package dev.engram.extract.llm;

import static dev.engram.extract.llm.PipelineJobs.chunk;
import static dev.engram.extract.llm.PipelineJobs.scripted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.review.ReviewService;
import dev.engram.split.ChunkReady;
import dev.engram.testing.Await;
import dev.engram.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chunks through the real local queues with the openai provider failing in every way the fake knows. */
@QuarkusTest
@TestProfile(OpenAiTestProfile.class)
class LlmPipelineTest {

    @InjectFakeOpenAi
    FakeOpenAi fake;
    @Inject
    JobStore jobs;
    @Inject
    QueueSender queues;
    @Inject
    ReviewService review;

    @Test
    void everyChunkEndsProcessedOrFailedWithAReasonAndNothingIsCountedTwice() {
        Map<String, String> scripts = Map.of(
                "ok", "ok", "throttled", "429,ok", "errors", "500,500,ok", "slow", "slow,ok",
                "malformed", "malformed,ok", "empty", "empty", "down", "500", "key", "401");
        List<String> names = new ArrayList<>(scripts.keySet());
        Job job = PipelineJobs.processing(jobs, Users.fresh("llm"), names.size());
        String run = OpenAiExtractorTest.key();
        List<ChunkReady> messages = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            messages.add(chunk(job, i, scripted(run + names.get(i), scripts.get(names.get(i)))));
        }
        messages.add(messages.get(names.indexOf("ok")));
        messages.add(messages.get(names.indexOf("throttled")));
        queues.sendAll(QueueNames.CHUNKS, messages);

        Job done = Await.until("job to finish", Duration.ofSeconds(90), () -> jobs.find(job.taskId()).orElseThrow(),
                j -> j.state().finished());

        assertThat(done.state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
        assertThat(done.chunksDone()).isEqualTo(5);
        assertThat(done.chunksFailed()).isEqualTo(3);
        assertThat(done.error()).isNotBlank();
        var memories = review.proposed(job.userId(), job.extractionId());
        assertThat(memories).hasSize(5);
        assertThat(done.memoriesExtracted()).isEqualTo(5);
        // Bounds: one attempt + 2 retries per delivery, 3 deliveries; invalid answers are asked for once more.
        assertThat(fake.requestsFor(run + "down")).isBetween(3, 9);
        // A rejected request is never retried; a second ask only comes from a redelivery that overtook the first
        // delivery still waiting in its batch (the test queues' visibility timeout is 2 s).
        assertThat(fake.requestsFor(run + "key")).isBetween(1, 2);
        assertThat(fake.requestsFor(run + "empty")).isIn(2, 4);
        assertThat(fake.requestsFor(run + "errors")).isBetween(3, 4);
        assertThat(fake.requestsFor(run + "malformed")).isBetween(2, 3);
        assertThat(fake.requestsFor(run + "ok")).isBetween(1, 2);
        assertThat(fake.requestsFor(run + "throttled")).isBetween(2, 3);
    }
}
