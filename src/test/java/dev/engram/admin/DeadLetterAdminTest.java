package dev.engram.admin;

import static dev.engram.extract.llm.PipelineJobs.chunk;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.llm.FakeOpenAi;
import dev.engram.extract.llm.InjectFakeOpenAi;
import dev.engram.extract.llm.OpenAiTestProfile;
import dev.engram.extract.llm.PipelineJobs;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.queue.QueueSettings;
import dev.engram.progress.Job;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Dead letters an operator can see and redrive, proven with a provider outage in the middle of a job. */
@QuarkusTest
@TestProfile(OpenAiTestProfile.class)
@QuarkusTestResource(TestTokens.class)
class DeadLetterAdminTest {

    private static final String CLEAN = "Decided to expand to the European market in Q2.";

    @InjectFakeOpenAi
    FakeOpenAi fake;
    @Inject
    JobStore jobs;
    @Inject
    QueueSender queues;
    @Inject
    QueueSettings settings;
    @Inject
    SqsClient sqs;

    @AfterEach
    void providerBack() {
        fake.outage(false);
    }

    @Test
    void providerOutageMidJobEndsWithErrorsAndAnAdminRedriveCompletesIt() {
        sqs.purgeQueue(b -> b.queueUrl(queues.urlOf(settings.deadLetterNameOf(QueueNames.CHUNKS))));
        Job job = PipelineJobs.processing(jobs, Users.fresh("outage"), 2);
        queues.send(QueueNames.CHUNKS, chunk(job, 0, CLEAN));
        Await.until("first chunk done", Duration.ofSeconds(30), () -> jobs.find(job.taskId()).orElseThrow(),
                j -> j.chunksDone() == 1);

        fake.outage(true);
        queues.send(QueueNames.CHUNKS, chunk(job, 1, CLEAN + " John will lead the expansion."));
        Job failed = Await.until("job to finish with errors", Duration.ofSeconds(60),
                () -> jobs.find(job.taskId()).orElseThrow(), j -> j.state().finished());

        assertThat(failed.state()).isEqualTo(JobState.COMPLETED_WITH_ERRORS);
        assertThat(failed.error()).contains("chunk 1").contains("500");
        JsonPath chunks = Await.until("the chunk in the DLQ", Duration.ofSeconds(20), () -> chunksDlq(admin()),
                dlq -> dlq.getInt("depth") >= 1);
        Map<String, Object> dead = chunks.<Map<String, Object>>getList("messages").stream()
                .filter(m -> job.taskId().equals(m.get("task_id"))).findFirst().orElseThrow();
        assertThat(dead).containsEntry("chunk", 1);
        assertThat((String) dead.get("reason")).contains("500");
        assertThat((Integer) dead.get("receive_count")).isGreaterThanOrEqualTo(3);

        fake.outage(false);
        given().auth().oauth2(admin()).post("/api/v1/admin/dlq/chunks/redrive").then().statusCode(202);

        Job completed = Await.until("job to complete after the redrive", Duration.ofSeconds(60),
                () -> jobs.find(job.taskId()).orElseThrow(), j -> j.state() == JobState.COMPLETED);
        assertThat(completed.chunksDone()).isEqualTo(2);
        assertThat(completed.chunksFailed()).isZero();
        assertThat(completed.error()).isNull();
        Await.until("the DLQ to drain", Duration.ofSeconds(20), () -> chunksDlq(admin()).getInt("depth"),
                depth -> depth == 0);
    }

    @Test
    void deadLettersAreForAdminsOnly() {
        Api.as(Users.fresh("user")).get("/api/v1/admin/dlq").then().statusCode(403)
                .contentType("application/problem+json");
        Api.as(Users.fresh("user")).post("/api/v1/admin/dlq/chunks/redrive").then().statusCode(403);
        given().get("/api/v1/admin/dlq").then().statusCode(401);
    }

    @Test
    void redriveOfAnUnknownQueueIsAProblem() {
        given().auth().oauth2(admin()).post("/api/v1/admin/dlq/nope/redrive").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void overviewListsEveryDeadLetterQueue() {
        List<String> names = given().auth().oauth2(admin()).get("/api/v1/admin/dlq").then().statusCode(200)
                .extract().jsonPath().getList("queue");
        assertThat(names).containsExactlyInAnyOrder("ingest", "chunks", "chat", "graph");
    }

    private static String admin() {
        return TestTokens.forUser(Users.fresh("ops"), "admin");
    }

    private static JsonPath chunksDlq(String token) {
        JsonPath all = given().auth().oauth2(token).get("/api/v1/admin/dlq").then().statusCode(200).extract()
                .jsonPath();
        int i = all.getList("queue").indexOf("chunks");
        return new JsonPath(all.prettify()).setRootPath("[" + i + "]");
    }
}
