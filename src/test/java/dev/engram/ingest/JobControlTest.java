package dev.engram.ingest;

import static dev.engram.testing.Api.MEETING_NOTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.engram.platform.aws.BlobStore;
import dev.engram.split.ObjectArrivals;
import dev.engram.split.S3Notification;
import dev.engram.split.parse.TestFiles;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class JobControlTest {

    @Inject
    BlobStore blobs;
    @Inject
    ObjectArrivals arrivals;
    @TempDir
    Path dir;

    @Test
    void purgingAJobRemovesItsInputItsMemoriesAndItself() {
        String alice = Users.fresh("alice");
        String taskId = Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false, "auto_save", true))
                .then().statusCode(200).extract().path("task_id");
        assertThat(Api.as(alice).get("/api/v1/memories").jsonPath().getList("memories")).isNotEmpty();
        String key = "inputs/" + alice + "/" + taskId + ".txt";
        assertThat(blobs.head(key)).isPresent();

        Api.as(Users.fresh("bob")).delete("/api/v1/jobs/{id}", taskId).then().statusCode(404);
        Api.as(alice).delete("/api/v1/jobs/{id}", taskId).then().statusCode(204);

        assertThat(Api.as(alice).get("/api/v1/memories").jsonPath().getList("memories")).isEmpty();
        assertThat(blobs.head(key)).isEmpty();
        Api.as(alice).get("/api/v1/memories/extract/{id}/progress", taskId).then().statusCode(404);
    }

    @Test
    void aCancelledUploadIsNotStartedWhenItsObjectLands() throws Exception {
        String alice = Users.fresh("alice");
        var ticket = Api.as(alice).contentType(ContentType.JSON).body(Map.of("filename", "late.md"))
                .post("/api/v1/uploads").then().statusCode(201).extract().jsonPath();
        String taskId = ticket.getString("task_id");
        Api.as(Users.fresh("bob")).post("/api/v1/jobs/{id}/cancel", taskId).then().statusCode(404);
        Api.as(alice).post("/api/v1/jobs/{id}/cancel", taskId).then().statusCode(200)
                .body("state", equalTo("cancelled"));
        Api.as(alice).post("/api/v1/jobs/{id}/cancel", taskId).then().statusCode(409);

        var put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(ticket.getString("upload_url")))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(MEETING_NOTES)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        // The object's arrival, as its notification reaches the ingest queue: no split request, the job stays put.
        String path = java.net.URI.create(ticket.getString("upload_url")).getPath();
        String key = java.net.URLDecoder.decode(path.substring(("/" + blobs.bucket() + "/").length()),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(blobs.head(key)).isPresent();
        assertThat(arrivals.accept(new S3Notification.CreatedObject(blobs.bucket(), key, MEETING_NOTES.length(),
                "etag", "0001"))).isEmpty();
        Api.as(alice).get("/api/v1/memories/extract/{id}/progress", taskId).then().body("state", equalTo("cancelled"));
    }

    @Test
    void retryingAFailedJobRunsItAgainAsANewJob() throws Exception {
        String alice = Users.fresh("alice");
        Path pdf = TestFiles.encryptedPdf(dir.resolve("locked.pdf"), "pw", "owner", "Action item: Ann to call Bo.");
        String taskId = Api.as(alice).multiPart("file", "locked.pdf", Files.readAllBytes(pdf))
                .post("/api/v1/memories/extract/file").then().statusCode(202).extract().path("task_id");
        assertThat(Api.awaitFinished(alice, taskId, Duration.ofSeconds(60)).jsonPath().getString("state"))
                .isEqualTo("failed");

        String again = Api.as(alice).post("/api/v1/jobs/{id}/retry", taskId).then().statusCode(202)
                .extract().path("task_id");
        assertThat(again).isNotEqualTo(taskId);
        var done = Api.awaitFinished(alice, again, Duration.ofSeconds(60)).jsonPath();
        assertThat(done.getString("error")).containsIgnoringCase("password");
        assertThat(Api.as(alice).get("/api/v1/jobs").jsonPath().getList("jobs")).hasSize(2);
    }
}
