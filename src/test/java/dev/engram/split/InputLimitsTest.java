package dev.engram.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.engram.platform.aws.BlobStore;
import dev.engram.progress.Job;
import dev.engram.progress.JobIds;
import dev.engram.progress.JobOptions;
import dev.engram.progress.JobState;
import dev.engram.progress.JobStore;
import dev.engram.testing.Await;
import dev.engram.testing.AwsFaults;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Inputs that never passed the API's limits (presigned uploads, the drop folder) are checked by their size before
 * any of them is read, and a download that breaks off leaves nothing behind in the temporary directory.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class InputLimitsTest {

    @Inject
    JobStore jobs;
    @Inject
    BlobStore blobs;
    @Inject
    SplitStage split;
    @Inject
    SplitSettings settings;

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    @Test
    void aDroppedFileOverTheSizeLimitFailsItsJobWithoutBeingDownloaded() {
        Job job = droppedJob("huge.md", null, settings.maxInputBytes() + 1);
        var downloads = AwsFaults.inject("GetObject", job.inputKey(), 1,
                () -> S3Exception.builder().message("the test did not expect a download").statusCode(500).build());

        catchThrowable(() -> split.split(SplitRequested.of(job.taskId(), job.userId(), job.inputKey()), false));

        assertThat(downloads).as("downloads attempted").hasValue(0);
        Job failed = jobs.find(job.taskId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).contains("too large");
    }

    @Test
    void aTextInputOverTheTextLimitFailsItsJobWithoutBeingRead() {
        Job job = droppedJob("notes.txt", "text/plain", settings.maxTextBytes() + 1);
        var downloads = AwsFaults.inject("GetObject", job.inputKey(), 1,
                () -> S3Exception.builder().message("the test did not expect a download").statusCode(500).build());

        catchThrowable(() -> split.split(SplitRequested.of(job.taskId(), job.userId(), job.inputKey()), false));

        assertThat(downloads).as("downloads attempted").hasValue(0);
        assertThat(jobs.find(job.taskId()).orElseThrow().state()).isEqualTo(JobState.FAILED);
    }

    @Test
    void aDownloadThatBreaksOffLeavesNoTemporaryFileBehind() {
        Job job = droppedJob("notes.md", null, 200_000);
        var broken = AwsFaults.breakDownloads(job.inputKey(), 1, 10_000);
        Set<Path> before = inputDirs();

        Throwable thrown = catchThrowable(() -> split.split(SplitRequested.of(job.taskId(), job.userId(),
                job.inputKey()), false));

        assertThat(broken).as("downloads broken off").hasValue(1);
        assertThat(thrown).as("the delivery fails and comes back").isNotNull();
        Await.until("temporary inputs of this split to be gone", Duration.ofSeconds(10), () -> {
            Set<Path> left = new HashSet<>(inputDirs());
            left.removeAll(before);
            return left;
        }, Set::isEmpty);
        assertThat(jobs.find(job.taskId()).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void aSplitThatFailsForGoodShowsAPlainReasonNotTheServicesWords() {
        Job job = droppedJob("notes.md", null, 2_000);
        AwsFaults.inject("GetObject", job.inputKey(), 1, () -> S3Exception.builder().statusCode(403)
                .message("User: arn:aws:sts::123456789012:assumed-role/engram-split/fn is not authorized").build());

        catchThrowable(() -> split.split(SplitRequested.of(job.taskId(), job.userId(), job.inputKey()), true));

        Job failed = jobs.find(job.taskId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).startsWith("splitting failed").doesNotContain("arn:", "123456789012");
    }

    @Test
    void aDroppedTextThatMentionsThePdfHeaderIsSplitAsText() {
        String user = Users.fresh("nia");
        String key = "drop/" + user + "/notes.txt";
        blobs.put(key, "Parser notes: every file starts with %PDF-1.7 or so.\nDecided to support PDF 2.0 in Q3.\n"
                .getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), user, "drop:" + key, "notes.txt", key, null,
                new JobOptions(List.of("all"), null, "UTC", false));
        jobs.create(job);

        split.split(SplitRequested.of(job.taskId(), user, key), false);

        Job split = jobs.find(job.taskId()).orElseThrow();
        assertThat(split.error()).isNull();
        assertThat(split.totalChunks()).isEqualTo(1);
    }

    /** A pending job of a file dropped under {@code drop/<user>/} with {@code size} bytes of text. */
    private Job droppedJob(String name, String contentType, long size) {
        String user = Users.fresh("nia");
        String key = "drop/" + user + "/" + name;
        byte[] line = "Action item: Sarah to prepare the market research by Feb 1.\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[(int) size];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = line[i % line.length];
        }
        blobs.put(key, bytes, "text/plain", Map.of());
        Job job = Job.accepted(JobIds.taskId(JobIds.newBody()), user, "drop:" + key, name, key, contentType,
                new JobOptions(List.of("all"), null, "UTC", false));
        assertThat(jobs.create(job)).isTrue();
        return job;
    }

    private static Set<Path> inputDirs() {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new HashSet<>(entries.filter(p -> p.getFileName().toString().startsWith("engram-input-")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
