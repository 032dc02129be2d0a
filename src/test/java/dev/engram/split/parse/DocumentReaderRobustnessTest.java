package dev.engram.split.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.engram.split.parse.UnreadableDocumentException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderRobustnessTest {

    private final DocumentReader reader = new DocumentReader(ParseLimits.DEFAULTS.withTimeout(Duration.ofSeconds(10)));

    @TempDir
    Path dir;

    @Test
    void mutatedPdfAndDocxFilesEitherParseOrFailAsUnreadableWithinSeconds() throws IOException {
        Path[] seeds = {
            TestFiles.pdf(dir.resolve("seed.pdf"), "First page of text.", "Second page of text."),
            TestFiles.richDocx(dir.resolve("seed.docx")),
            TestFiles.encryptedPdf(dir.resolve("seed-locked.pdf"), "pw", "owner", "Locked text.")
        };
        Random random = new Random(20240115);
        for (Path seed : seeds) {
            byte[] original = Files.readAllBytes(seed);
            for (int i = 0; i < 40; i++) {
                byte[] bytes = original.clone();
                for (int m = 1 + random.nextInt(16); m > 0; m--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                if (random.nextInt(4) == 0) {
                    bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                }
                Path mutated = Files.write(dir.resolve("mutated-" + i + "-" + seed.getFileName()), bytes);

                Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(15),
                        () -> catchThrowable(() -> reader.read(mutated, seed.getFileName().toString())));

                if (thrown != null) {
                    assertThat(thrown).as("%s mutation %d", seed.getFileName(), i)
                            .isInstanceOf(UnreadableDocumentException.class);
                    assertThat(thrown.getMessage()).isNotBlank();
                }
            }
        }
    }

    @Test
    void readThatOutlivesItsTimeLimitStopsAsTooLarge() throws IOException {
        String[] pages = new String[200];
        Arrays.fill(pages, "A page of text that takes a moment to extract.");
        Path pdf = TestFiles.pdf(dir.resolve("slow.pdf"), pages);
        DocumentReader impatient = new DocumentReader(ParseLimits.DEFAULTS.withTimeout(Duration.ofMillis(1)));

        assertThatThrownBy(() -> impatient.read(pdf, "slow.pdf"))
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessageContaining("stopped");
    }

    @Test
    void pathologicalMarkdownLinesAreReadInLinearTime() throws IOException {
        Path file = Files.writeString(dir.resolve("odd.md"),
                "# " + " #".repeat(200_000) + "\n" + "[".repeat(200_000) + "\n# Heading\ntext\n");

        ParsedDocument document = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> reader.read(file, "odd.md"));

        assertThat(document.sections()).extracting(s -> s.headingPath()).containsExactly(null, "Heading");
    }
}
