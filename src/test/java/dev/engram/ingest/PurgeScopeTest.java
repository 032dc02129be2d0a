package dev.engram.ingest;

import static dev.engram.testing.Api.MEETING_NOTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.aws.BlobStore;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobStore;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a purge owns: its own input, rows and memories; never another job's input, confirmations or the user's file. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class PurgeScopeTest {

    @Inject
    JobStore jobs;
    @Inject
    BlobStore blobs;
    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    @Test
    void purgingAJobKeepsTheInputItsRetryReads() {
        String user = Users.fresh("pia");
        String key = "inputs/" + user + "/shared.txt";
        blobs.put(key, "Decided to ship on Friday.".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        Job first = job(user, key);
        Job retry = job(user, key);

        Api.as(user).delete("/api/v1/jobs/{id}", first.taskId()).then().statusCode(204);

        assertThat(blobs.head(key)).as("the input the retry " + retry.taskId() + " reads").isPresent();
        Api.as(user).delete("/api/v1/jobs/{id}", retry.taskId()).then().statusCode(204);
        assertThat(blobs.head(key)).as("the input once no job reads it").isEmpty();
    }

    @Test
    void purgingADropFolderJobKeepsTheUsersFile() {
        String user = Users.fresh("pia");
        String key = "drop/" + user + "/notes.md";
        blobs.put(key, "# Notes\n\nDecided to ship on Friday.\n".getBytes(StandardCharsets.UTF_8), "text/markdown",
                Map.of());
        Job dropped = job(user, key);

        Api.as(user).delete("/api/v1/jobs/{id}", dropped.taskId()).then().statusCode(204);

        assertThat(blobs.head(key)).isPresent();
    }

    @Test
    void purgingAJobKeepsASavedMemoryThatHoldsAnotherJobsConfirmation() {
        String user = Users.fresh("pia");
        String first = Api.extract(user, Map.of("text", MEETING_NOTES, "async", false, "auto_save", true))
                .then().statusCode(200).extract().path("task_id");
        List<String> saved = Api.as(user).get("/api/v1/memories").jsonPath().getList("memories.id", String.class);
        JsonPath second = Api.extract(user, Map.of("text", MEETING_NOTES, "async", false)).then().statusCode(200)
                .extract().jsonPath();
        List<String> repeated = second.getList("extracted_memories.temp_id", String.class);
        Api.as(user).contentType(ContentType.JSON).body(Map.of("confirmed_ids", repeated))
                .post("/api/v1/memories/extract/{id}/confirm", second.getString("extraction_id"))
                .then().statusCode(200);

        Api.as(user).delete("/api/v1/jobs/{id}", first).then().statusCode(204);

        assertThat(Api.as(user).get("/api/v1/memories").jsonPath().getList("memories.id", String.class))
                .as("memories the second job confirmed").containsExactlyInAnyOrderElementsOf(saved);
    }

    @Test
    void aJobWhoseRecordExpiredCanStillBePurged() {
        String user = Users.fresh("pia");
        String taskId = Api.extract(user, Map.of("text", MEETING_NOTES, "async", false, "auto_save", true))
                .then().statusCode(200).extract().path("task_id");
        jobs.delete(taskId);

        Api.as(user).delete("/api/v1/jobs/{id}", taskId).then().statusCode(204);

        assertThat(rows("memories", taskId) + rows("pending_memories", taskId) + rows("chunks", taskId)).isZero();
        Api.as(Users.fresh("bob")).delete("/api/v1/jobs/{id}", taskId).then().statusCode(404);
    }

    private Job job(String user, String key) {
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), user, key.startsWith("drop/") ? "drop:" + key : "manual",
                null, key, "text/plain", new JobOptions(List.of("all"), null, "UTC", false));
        assertThat(jobs.create(job)).isTrue();
        return job;
    }

    private long rows(String table, String taskId) {
        return bridge.await(() -> pool.preparedQuery("SELECT count(*) AS n FROM " + table + " WHERE job_id = $1")
                .execute(Tuple.of(taskId)).map(r -> r.iterator().next().getLong("n")));
    }
}
