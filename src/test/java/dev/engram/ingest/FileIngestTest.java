package dev.engram.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import dev.engram.platform.aws.AwsSettings;
import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Files through every door: multipart, presigned upload, and the S3 drop folder. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class FileIngestTest {

    static final String NOTES_MD = """
            # Weekly sync — 2024-03-04

            ## Decisions
            - We agreed to ship the mobile beta on March 18.

            ## Action items
            - [ ] @maria to write the release notes by Friday
            """;

    @Inject
    S3Client s3;
    @Inject
    AwsSettings aws;
    @Inject
    dev.engram.progress.JobStore jobs;

    @Test
    void aFormRepeatingExtractTypesRecordsEachTypeOnce() {
        String alice = Users.fresh("alice");
        String repeated = "task,".repeat(300);
        String taskId = Api.as(alice).multiPart("file", "sync.md", NOTES_MD.getBytes(StandardCharsets.UTF_8),
                        "text/markdown").multiPart("extract_types", repeated)
                .post("/api/v1/memories/extract/file").then().statusCode(202).extract().path("task_id");
        assertThat(jobs.find(taskId).orElseThrow().options().extractTypes()).containsExactly("task");
    }

    @Test
    void multipartMarkdownBecomesAJobWithMemories() {
        String alice = Users.fresh("alice");
        var accepted = Api.as(alice).multiPart("file", "sync.md", NOTES_MD.getBytes(StandardCharsets.UTF_8),
                        "text/markdown")
                .post("/api/v1/memories/extract/file").then().statusCode(202).extract().jsonPath();
        String taskId = accepted.getString("task_id");
        assertThat(accepted.getString("extraction_id")).startsWith("ext_");
        var done = Api.awaitFinished(alice, taskId, Duration.ofSeconds(60)).jsonPath();
        assertThat(done.getString("state")).isEqualTo("completed");
        var memories = Api.as(alice).get("/api/v1/memories/extract/{id}", accepted.getString("extraction_id"))
                .jsonPath().getList("extracted_memories.memory_type", String.class);
        assertThat(memories).contains("task", "decision");
    }

    @Test
    void unreadableOrOversizedFilesAreRefusedAtTheDoor() {
        String alice = Users.fresh("alice");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        Api.as(alice).multiPart("file", "photo.txt", png, "text/plain").post("/api/v1/memories/extract/file")
                .then().statusCode(415).contentType(startsWith("application/problem+json"));
        byte[] big = "a".repeat(4 * 1024 * 1024 + 1).getBytes(StandardCharsets.UTF_8);
        Api.as(alice).multiPart("file", "big.txt", big, "text/plain").post("/api/v1/memories/extract/file")
                .then().statusCode(413).contentType(startsWith("application/problem+json"));
        Api.as(alice).multiPart("extract_types", "all").post("/api/v1/memories/extract/file").then().statusCode(400);
    }

    @Test
    void aPresignedUploadStartsItsJobWhenTheObjectLands() throws Exception {
        String alice = Users.fresh("alice");
        var ticket = Api.as(alice).contentType(ContentType.JSON)
                .body(Map.of("filename", "notes.md", "content_type", "text/markdown"))
                .post("/api/v1/uploads").then().statusCode(201).extract().jsonPath();
        String taskId = ticket.getString("task_id");
        Api.as(alice).get("/api/v1/memories/extract/{id}/progress", taskId).then().statusCode(200);

        var put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ticket.getString("upload_url")))
                        .header("Content-Type", "text/markdown")
                        .PUT(HttpRequest.BodyPublishers.ofString(NOTES_MD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        var done = Api.awaitFinished(alice, taskId, Duration.ofSeconds(60)).jsonPath();
        assertThat(done.getString("state")).isEqualTo("completed");
        assertThat(done.getInt("result.memories_extracted")).isPositive();
    }

    @Test
    void anObjectInTheDropFolderBecomesAJobOfThatUser() {
        String alice = Users.fresh("alice");
        String key = "drop/" + alice + "/Team notes ü+.md";
        s3.putObject(b -> b.bucket(aws.bucket()).key(key), RequestBody.fromString(NOTES_MD));

        List<Map<String, Object>> jobs = Await.until("the drop job to complete", Duration.ofSeconds(60),
                () -> Api.as(alice).get("/api/v1/jobs").jsonPath().<Map<String, Object>>getList("jobs"),
                list -> list.size() == 1 && "completed".equals(list.get(0).get("state")));
        assertThat(jobs.get(0).get("source")).isEqualTo("drop:" + key);
        assertThat(Api.as(Users.fresh("bob")).get("/api/v1/jobs").jsonPath().getList("jobs")).isEmpty();
    }
}
