package dev.engram.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.aws.BlobStore;
import dev.engram.split.parse.TestFiles;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents through the whole pipeline: each ends completed, or failed with a reason, with its original kept. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class DocumentJobsTest {

    @TempDir
    Path dir;
    @Inject
    BlobStore blobs;

    private static final String PAGE = "Project sync. Decided to migrate billing to the new provider in Q3. "
            + "Action item: Omar to draft the migration plan by 2024-05-10.";

    @Test
    void aMultiPagePdfCompletesWithPageProvenance() throws IOException {
        String alice = Users.fresh("alice");
        Path pdf = TestFiles.pdf(dir.resolve("sync.pdf"), "Cover page with no actions at all.", PAGE);
        JsonPath done = upload(alice, pdf, "sync.pdf");
        assertThat(done.getString("state")).isEqualTo("completed");
        JsonPath memories = Api.as(alice).get("/api/v1/memories/extract/{id}", done.getString("extraction_id"))
                .jsonPath();
        assertThat(memories.getList("extracted_memories.memory_type", String.class)).contains("task", "decision");
    }

    @Test
    void aBigPdfIsParsedInPageRangesAndShowsItsPages() throws IOException {
        String alice = Users.fresh("alice");
        String[] pages = new String[12];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = "Page " + (i + 1) + ". Action item: Lena to review section " + (i + 1) + " by 2024-06-0"
                    + (i % 9 + 1) + ".";
        }
        JsonPath done = upload(alice, TestFiles.pdf(dir.resolve("big.pdf"), pages), "big.pdf");
        assertThat(done.getString("state")).isEqualTo("completed");
        assertThat(done.getInt("total_pages")).isEqualTo(12);
        assertThat(done.getInt("pages_done")).isEqualTo(12);
        assertThat(done.getInt("total_chunks")).isGreaterThanOrEqualTo(3);
        assertThat(done.getInt("result.memories_extracted")).isGreaterThanOrEqualTo(12);
    }

    @Test
    void anEncryptedPdfFailsSayingPasswordAndIsKept() throws IOException {
        String alice = Users.fresh("alice");
        Path pdf = TestFiles.encryptedPdf(dir.resolve("locked.pdf"), "secret", "owner", PAGE);
        JsonPath done = upload(alice, pdf, "locked.pdf");
        assertThat(done.getString("state")).isEqualTo("failed");
        assertThat(done.getString("error")).containsIgnoringCase("password");
        String key = Api.as(alice).get("/api/v1/jobs").jsonPath().getString("jobs[0].task_id");
        assertThat(blobs.head("inputs/" + alice + "/" + key + "/locked.pdf")).isPresent();
    }

    @Test
    void anImageOnlyPdfFailsSayingThereIsNoText() throws IOException {
        String alice = Users.fresh("alice");
        JsonPath done = upload(alice, TestFiles.imageOnlyPdf(dir.resolve("scan.pdf")), "scan.pdf");
        assertThat(done.getString("state")).isEqualTo("failed");
        assertThat(done.getString("error")).contains("no extractable text; OCR is not supported");
    }

    @Test
    void everySharedFixtureEndsCompletedOrFailedWithAReason() throws IOException {
        Path fixtures = Path.of("..", "shared", "fixtures", "files");
        Assumptions.assumeTrue(Files.isDirectory(fixtures), "no shared fixtures beside the checkout");
        String alice = Users.fresh("alice");
        List<String> outcomes = new ArrayList<>();
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                String name = file.getFileName().toString();
                JsonPath done = upload(alice, file, name);
                String state = done.getString("state");
                outcomes.add(name + " -> " + state + (done.getString("error") == null ? "" : ": "
                        + done.getString("error")));
                assertThat(state).as(name).isIn("completed", "failed");
                if (state.equals("failed")) {
                    assertThat(done.getString("error")).as(name).isNotBlank();
                }
                if (name.contains("encrypted-userpw") || name.contains("encrypted-pw")) {
                    assertThat(done.getString("error")).as(name).containsIgnoringCase("password");
                }
                if (name.contains("imageonly")) {
                    assertThat(done.getString("error")).as(name).contains("no extractable text");
                }
                if (name.contains("-normal-")) {
                    assertThat(state).as(name).isEqualTo("completed");
                }
            }
        }
        System.out.println(String.join("\n", outcomes));
    }

    private static JsonPath upload(String user, Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String taskId = Api.retryingUnavailable(() -> Api.as(user).multiPart("file", name, bytes)
                .post("/api/v1/memories/extract/file")).then().statusCode(202).extract().path("task_id");
        return Api.awaitFinished(user, taskId, Duration.ofSeconds(120)).jsonPath();
    }
}
