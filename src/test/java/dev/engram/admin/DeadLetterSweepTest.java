package dev.engram.admin;

import static dev.engram.extract.llm.PipelineJobs.chunk;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.extract.llm.FakeOpenAi;
import dev.engram.extract.llm.InjectFakeOpenAi;
import dev.engram.extract.llm.OpenAiTestProfile;
import dev.engram.extract.llm.PipelineJobs;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.queue.QueueSettings;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.DeadLetterLedger;
import dev.engram.progress.Job;
import dev.engram.progress.JobCompletion;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import dev.engram.graph.GraphBacklog;
import dev.engram.graph.GraphRequested;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The dead-letter sweep on the real local queues and job table, with chunks failing through the real process stage
 * against a fake LLM provider, and escalations published through the real SNS client to a recording endpoint.
 */
@QuarkusTest
@TestProfile(DeadLetterSweepTest.Profile.class)
@QuarkusTestResource(TestTokens.class)
class DeadLetterSweepTest {

    private static final String CLEAN = "Decided to expand to the European market in Q2.";

    /** The OpenAI test profile with its own queues and table, backoff 1 s, and the local schedule out of the way. */
    public static class Profile extends OpenAiTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>(super.getConfigOverrides());
            c.put("engram.dlq.auto-retry.backoff", "PT1S");
            c.put("engram.dlq.auto-retry.enabled", "true");
            c.put("engram.queues.prefix", "engram-dlqtest-");
            c.put("engram.jobs.table", "engram-dlqtest-jobs");
            c.put("engram.local.runner.schedule-every", "1h");
            return c;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
            resources.add(new TestResourceEntry(FakeSnsResource.class));
            return resources;
        }
    }

    @InjectFakeOpenAi
    FakeOpenAi fake;
    @FakeSnsResource.Inject
    FakeSns sns;
    @Inject
    DeadLetterSweeper sweeper;
    @Inject
    DeadLetterLedger ledger;
    @Inject
    JobStore jobs;
    @Inject
    ChunkLedger chunkLedger;
    @Inject
    JobCompletion completion;
    @Inject
    QueueSender queues;
    @Inject
    QueueSettings settings;
    @Inject
    SqsClient sqs;
    @Inject
    ObjectMapper json;
    @Inject
    GraphBacklog graph;
    @Inject
    Pool pool;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void emptyDeadLetters() {
        sqs.purgeQueue(b -> b.queueUrl(dlq()));
    }

    @AfterEach
    void providerBack() {
        fake.outage(false);
    }

    @Test
    void aTransientFailureRecoversOnItsOwnAfterOneSweep() throws Exception {
        Job job = PipelineJobs.processing(jobs, Users.fresh("transient"), 1);
        fake.outage(true);
        var message = chunk(job, 0, CLEAN);
        queues.send(QueueNames.CHUNKS, message);
        Job failed = Await.until("the chunk to fail for good", Duration.ofSeconds(60), () -> find(job),
                j -> j.state().finished());
        assertThat(failed.state()).as("its only chunk failed").isEqualTo(JobState.FAILED);
        assertThat(failed.chunksFailed()).isEqualTo(1);
        awaitDeadLetterOf(job);
        fake.outage(false);

        assertThat(sweep()).isEqualTo(1);

        Job completed = Await.until("the job to complete after the automatic retry", Duration.ofSeconds(30),
                () -> find(job), j -> j.state() == JobState.COMPLETED);
        assertThat(completed.chunksDone()).isEqualTo(1);
        assertThat(completed.chunksFailed()).isZero();
        assertThat(completed.error()).isNull();
        var entry = ledgerOf(message);
        assertThat(entry.retries()).isEqualTo(1);
        assertThat(entry.delaysSeconds()).containsExactly(1);
        assertThat(entry.escalated()).isFalse();
        assertThat(publishedFor(job)).isEmpty();
        assertThat(deadLettersOf(job)).isEmpty();
    }

    @Test
    void aPermanentFailureIsNeverRetriedAndIsEscalatedOnce() throws Exception {
        String key = "perm" + UUID.randomUUID().toString().substring(0, 8);
        Job job = PipelineJobs.processing(jobs, Users.fresh("permanent"), 1);
        var body = chunk(job, 0, PipelineJobs.scripted(key, "ok"));
        chunkLedger.recordChunkFailed(job.taskId(), 0, "the model's answer was invalid twice: items[0].content is empty")
                .ifPresent(completion::finishIfComplete);
        String written = write(body);
        sqs.sendMessage(b -> b.queueUrl(dlq()).messageBody(written));

        assertThat(sweep()).isZero();
        assertThat(sweep()).isZero();

        List<Map<String, String>> published = publishedFor(job);
        assertThat(published).hasSize(1);
        Map<String, Object> escalation = json.readValue(published.get(0).get("Message"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(escalation).containsEntry("task_id", job.taskId()).containsEntry("user_id", job.userId())
                .containsEntry("chunk", 0).containsEntry("retries", 0).containsEntry("kind", "permanent");
        assertThat((String) escalation.get("reason")).contains("invalid twice");
        assertThat(published.get(0).get("TopicArn")).isEqualTo(FakeSnsResource.TOPIC);
        assertThat(fake.requestsFor(key)).as("never sent back to the provider").isZero();
        assertThat(ledgerOf(body).retries()).isZero();
        Map<String, Object> shown = Await.until("the dead letter on the admin page", Duration.ofSeconds(10),
                () -> deadLettersOf(job), l -> !l.isEmpty()).get(0);
        assertThat(shown).containsEntry("status", "escalated").containsEntry("retries", 0)
                .containsEntry("kind", "permanent");
        assertThat(shown.get("escalated_at")).isNotNull();
        assertThat(find(job).state()).isEqualTo(JobState.FAILED);
        assertThat(find(job).chunksFailed()).isEqualTo(1);
    }

    @Test
    void aMessageThatKeepsFailingIsRetriedThreeTimesWithGrowingDelaysThenEscalated() throws Exception {
        String key = "keep" + UUID.randomUUID().toString().substring(0, 8);
        Job job = PipelineJobs.processing(jobs, Users.fresh("keeps-failing"), 1);
        var message = chunk(job, 0, PipelineJobs.scripted(key, "500"));
        queues.send(QueueNames.CHUNKS, message);
        for (int retry = 1; retry <= 3; retry++) {
            awaitDeadLetterOf(job);
            int before = fake.requestsFor(key);
            long sweptAt = System.nanoTime();
            assertThat(sweep()).as("sweep before retry %d", retry).isEqualTo(1);
            Await.until("retry " + retry + " to reach the provider", Duration.ofSeconds(30),
                    () -> fake.requestsFor(key), n -> n > before);
            long waitedMillis = (System.nanoTime() - sweptAt) / 1_000_000;
            long backoffMillis = 1000L << (retry - 1);
            assertThat(waitedMillis).as("retry %d not before its backoff", retry).isGreaterThanOrEqualTo(
                    backoffMillis - 100);
            assertThat(ledgerOf(message).retries()).isEqualTo(retry);
        }
        awaitDeadLetterOf(job);
        int requests = fake.requestsFor(key);
        assertThat(sweep()).isZero();
        assertThat(sweep()).isZero();

        var entry = ledgerOf(message);
        assertThat(entry.retries()).isEqualTo(3);
        assertThat(entry.delaysSeconds()).containsExactly(1, 2, 4);
        assertThat(entry.escalated()).isTrue();
        List<Map<String, String>> published = publishedFor(job);
        assertThat(published).hasSize(1);
        Map<String, Object> escalation = json.readValue(published.get(0).get("Message"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(escalation).containsEntry("retries", 3).containsEntry("kind", "transient");
        assertThat((String) escalation.get("reason")).contains("500");
        Thread.sleep(1500);
        assertThat(fake.requestsFor(key)).as("no fourth retry").isEqualTo(requests);
        Map<String, Object> shown = deadLettersOf(job).get(0);
        assertThat(shown).containsEntry("status", "escalated").containsEntry("retries", 3);
        assertThat(shown.get("retry_delays")).isEqualTo(List.of(1, 2, 4));
    }

    @Test
    void twoSweepsAtOnceRetryTwoCopiesOfADeadLetterOnce() throws Exception {
        String key = "twice" + UUID.randomUUID().toString().substring(0, 8);
        Job job = PipelineJobs.processing(jobs, Users.fresh("concurrent"), 1);
        var message = chunk(job, 0, PipelineJobs.scripted(key, "ok"));
        String body = write(message);
        chunkLedger.recordChunkFailed(job.taskId(), 0, "the LLM provider failed (503): upstream unavailable");
        sqs.sendMessage(b -> b.queueUrl(dlq()).messageBody(body));
        sqs.sendMessage(b -> b.queueUrl(dlq()).messageBody(body));
        Map<String, Object> waiting = Await.until("both copies on the admin page", Duration.ofSeconds(10),
                () -> deadLettersOf(job), l -> l.size() == 2).get(0);
        assertThat(waiting).containsEntry("status", "will_retry").containsEntry("kind", "transient")
                .containsEntry("next_retry_delay_seconds", 1);

        Future<Integer> one = threads.submit(sweeper::run);
        Future<Integer> two = threads.submit(sweeper::run);
        assertThat(one.get() + two.get()).as("copies sent back").isEqualTo(1);

        Await.until("the job to complete after the retry", Duration.ofSeconds(30), () -> find(job),
                j -> j.state() == JobState.COMPLETED);
        assertThat(ledgerOf(message).retries()).isEqualTo(1);
        assertThat(sweep()).as("the second copy, obsolete now, is removed").isEqualTo(1);
        assertThat(deadLettersOf(job)).isEmpty();
        assertThat(publishedFor(job)).isEmpty();
        assertThat(fake.requestsFor(key)).isEqualTo(1);
    }

    @Test
    void aChunkDeadLetteredWithNoFailureRecordedIsSentBackAndItsJobCompletes() throws Exception {
        Job job = PipelineJobs.processing(jobs, Users.fresh("killed"), 1);
        String written = write(chunk(job, 0, CLEAN));
        // As when the worker is killed during the last delivery: the message moves on, nothing is recorded.
        sqs.sendMessage(b -> b.queueUrl(dlq()).messageBody(written));

        assertThat(sweep()).as("sent back, not escalated as permanent").isEqualTo(1);

        Job completed = Await.until("the job to complete after the retry", Duration.ofSeconds(30), () -> find(job),
                j -> j.state() == JobState.COMPLETED);
        assertThat(completed.chunksDone()).isEqualTo(1);
        assertThat(publishedFor(job)).isEmpty();
    }

    @Test
    void anIngestDeadLetterOfAJobThatNeverStartedFailsTheJobInsteadOfLeavingItPending() throws Exception {
        String ingestDlq = queues.urlOf(settings.deadLetterNameOf(QueueNames.INGEST));
        sqs.purgeQueue(b -> b.queueUrl(ingestDlq));
        String user = Users.fresh("splitkilled");
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), user, "manual", null,
                "inputs/" + user + "/never.txt", "text/plain", new JobOptions(List.of("all"), null, "UTC", false));
        jobs.create(job);
        String body = write(Map.of("kind", "split_requested", "task_id", job.taskId(), "user_id", user,
                "key", job.inputKey()));
        sqs.sendMessage(b -> b.queueUrl(ingestDlq).messageBody(body));

        sweep();

        Job settled = find(job);
        assertThat(settled.state()).isEqualTo(JobState.FAILED);
        assertThat(settled.error()).contains("worker stopped");
        assertThat(publishedFor(job)).as("escalated once all the same").hasSize(1);
    }

    @Test
    void aChatDeadLetterIsEscalatedNotResentAndFailsItsJobIfItsWorkerStopped() throws Exception {
        String chatDlq = queues.urlOf(settings.deadLetterNameOf(QueueNames.CHAT));
        sqs.purgeQueue(b -> b.queueUrl(chatDlq));
        String user = Users.fresh("chatkilled");
        UUID conversation = UUID.randomUUID();
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), user, "chat:" + conversation, conversation.toString(),
                null, "text/plain", new JobOptions(List.of("all"), null, "UTC", false));
        jobs.create(job);
        String body = write(Map.of("conversation_id", conversation.toString(), "user_id", user, "from_seq", 1,
                "to_seq", 2, "task_id", job.taskId()));
        String id = sqs.sendMessage(b -> b.queueUrl(chatDlq).messageBody(body)).messageId();

        assertThat(sweep()).isZero();
        assertThat(sweep()).isZero();

        Job settled = find(job);
        assertThat(settled.state()).isEqualTo(JobState.FAILED);
        assertThat(settled.error()).contains("worker stopped");
        assertThat(publishedFor(job)).as("escalated once").hasSize(1);
        var still = sqs.receiveMessage(b -> b.queueUrl(chatDlq).maxNumberOfMessages(10).waitTimeSeconds(1)
                .visibilityTimeout(0)).messages();
        assertThat(still).extracting(m -> m.messageId()).contains(id);
    }

    @Test
    void aDeadLetterThatNamesNoJobIsEscalatedNotRemoved() throws Exception {
        String body = "{\"not\": \"a chunk " + UUID.randomUUID() + "\"}";
        String id = sqs.sendMessage(b -> b.queueUrl(dlq()).messageBody(body)).messageId();

        assertThat(sweep()).isZero();
        assertThat(sweep()).isZero();

        assertThat(sns.published()).filteredOn(p -> p.get("Message").contains(id)).hasSize(1);
        assertThat(ledger.find(QueueNames.CHUNKS, DeadLetterReader.fingerprint(body)).orElseThrow().escalated())
                .isTrue();
        var still = sqs.receiveMessage(b -> b.queueUrl(dlq()).maxNumberOfMessages(10).waitTimeSeconds(1)
                .visibilityTimeout(0)).messages();
        assertThat(still).extracting(m -> m.messageId()).contains(id);
    }

    // ---- helpers ----

    /** A sweep on its own thread, as the schedule runs it (and as the IAM call recorder attributes it). */
    /**
     * A graph request that failed on a transient reason goes back with its work reopened and completes; one that
     * failed for good stays and is escalated; one whose work completed since is removed.
     */
    @Test
    void graphDeadLettersAreRetriedEscalatedOrRemovedByTheirWork() throws Exception {
        String graphDlq = queues.urlOf(settings.deadLetterNameOf(QueueNames.GRAPH));
        sqs.purgeQueue(b -> b.queueUrl(graphDlq));
        Job job = PipelineJobs.processing(jobs, Users.fresh("graph"), 2);
        queues.send(QueueNames.CHUNKS, chunk(job, 0, CLEAN));
        queues.send(QueueNames.CHUNKS, chunk(job, 1, CLEAN + " John will lead the expansion."));
        GraphRequested transientOne = new GraphRequested(job.taskId(), 0, job.userId());
        GraphRequested permanentOne = new GraphRequested(job.taskId(), 1, job.userId());
        for (GraphRequested r : List.of(transientOne, permanentOne)) {
            Await.until("the graph of chunk " + r.chunkIndex(), Duration.ofSeconds(60), () -> graph.find(r),
                    w -> w.isPresent() && w.get().state().equals("completed"));
        }
        // As the graph stage leaves them after its last delivery failed.
        failGraph(transientOne, "PgException: connection refused");
        failGraph(permanentOne, "IllegalArgumentException: attributes are not JSON");
        for (GraphRequested r : List.of(transientOne, permanentOne)) {
            String body = write(r);
            sqs.sendMessage(b -> b.queueUrl(graphDlq).messageBody(body));
        }

        assertThat(sweep()).isEqualTo(1);
        Await.until("the retried graph work to complete", Duration.ofSeconds(30), () -> graph.find(transientOne),
                w -> w.orElseThrow().state().equals("completed"));
        assertThat(ledgerOf(transientOne).retries()).isEqualTo(1);
        assertThat(graph.find(permanentOne).orElseThrow().state()).isEqualTo("failed");
        assertThat(ledgerOf(permanentOne).escalated()).isTrue();
        assertThat(publishedFor(job)).hasSize(1);

        // The permanent one, completed meanwhile (an operator's redrive), leaves the queue at the next sweep.
        pool.preparedQuery("UPDATE graph_work SET state = 'completed' WHERE job_id = $1 AND chunk_index = 1")
                .execute(Tuple.of(job.taskId())).await().indefinitely();
        assertThat(sweep()).isEqualTo(1);
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(graphDlq).attributeNamesWithStrings(
                "ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"))
                .isEqualTo("0");
    }

    private void failGraph(GraphRequested r, String reason) {
        pool.preparedQuery("UPDATE graph_work SET state = 'failed', error = $3 WHERE job_id = $1 AND chunk_index = $2")
                .execute(Tuple.of(r.jobId(), r.chunkIndex(), reason)).await().indefinitely();
    }

    private int sweep() throws Exception {
        Callable<Integer> run = sweeper::run;
        return threads.submit(run).get();
    }

    private String dlq() {
        return queues.urlOf(settings.deadLetterNameOf(QueueNames.CHUNKS));
    }

    private Job find(Job job) {
        return jobs.find(job.taskId()).orElseThrow();
    }

    private String write(Object message) throws Exception {
        return json.writeValueAsString(message);
    }

    /** The ledger record of a dead letter: keyed by the hash of its body, which a retry keeps. */
    private DeadLetterLedger.Entry ledgerOf(Object message) throws Exception {
        String queue = message instanceof GraphRequested ? QueueNames.GRAPH : QueueNames.CHUNKS;
        return ledger.find(queue, DeadLetterReader.fingerprint(write(message))).orElseThrow();
    }

    private void awaitDeadLetterOf(Job job) {
        Await.until("a dead letter of " + job.taskId(), Duration.ofSeconds(60), () -> deadLettersOf(job),
                l -> !l.isEmpty());
    }

    private List<Map<String, Object>> deadLettersOf(Job job) {
        var all = given().auth().oauth2(TestTokens.forUser(Users.fresh("ops"), "admin")).get("/api/v1/admin/dlq")
                .then().statusCode(200).extract().jsonPath();
        int i = all.getList("queue").indexOf("chunks");
        List<Map<String, Object>> messages = all.getList("[" + i + "].messages");
        return messages.stream().filter(m -> job.taskId().equals(m.get("task_id"))).toList();
    }

    private List<Map<String, String>> publishedFor(Job job) {
        return sns.published().stream().filter(p -> p.get("Message").contains(job.taskId())).toList();
    }
}
