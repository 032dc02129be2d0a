package dev.engram.split.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.engram.split.parse.UnreadableDocumentException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world tricky documents (listed with their origin in SOURCES.txt next to them), read when the shared fixture
 * folder is present beside the project; skipped elsewhere. Every file gets an expected outcome, and none may throw
 * anything but an {@link UnreadableDocumentException} or take more than a few seconds.
 */
class DocumentFixturesTest {

    private static final Path FIXTURES = Path.of("..", "shared", "fixtures", "files");
    private static final DocumentReader READER = new DocumentReader();

    static Stream<String> fixtures() throws IOException {
        if (!Files.isDirectory(FIXTURES)) {
            return Stream.of("(fixtures absent)");
        }
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("SOURCES.txt"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixtureHasItsExpectedOutcomeWithinSeconds(String name) {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "shared fixtures are not present");
        Path file = FIXTURES.resolve(name);
        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Outcome.of(file, name));

        if (outcome.failure() != null) {
            assertThat(outcome.failure().getMessage()).as(name).isNotBlank().doesNotContain("fixtures");
        }
        if (name.contains("encrypted-userpw") || name.startsWith("docx-encrypted")
                || name.equals("pdf-owner-protected.pdf")) {
            // pdf-owner-protected.pdf (pdf.js print_protection.pdf) is not owner-only: it refuses the empty user
            // password (PDFBox, and pdf.js, whose own viewer test types "1234" to open it), so it needs a password.
            assertThat(outcome.failure()).as(name).isNotNull();
            assertThat(outcome.failure().reason()).isEqualTo(Reason.ENCRYPTED);
            assertThat(outcome.failure().getMessage()).contains("password");
        } else if (name.equals("pdf-encrypted-empty-userpw.pdf")) {
            // Opens without a password: read like any PDF; an empty page may still have no text.
            if (outcome.failure() != null) {
                assertThat(outcome.failure().reason()).as(name).isIn(Reason.NO_TEXT, Reason.EMPTY);
                assertThat(outcome.failure().getMessage()).doesNotContain("password");
            }
            assertThat(READER.pageCount(file)).isPositive();
        } else if (name.contains("imageonly") || name.contains("scan")) {
            assertThat(outcome.failure()).as(name).isNotNull();
            assertThat(outcome.failure().reason()).isEqualTo(Reason.NO_TEXT);
            assertThat(outcome.failure().getMessage()).contains("no extractable text");
        } else if (name.contains("broken") || name.contains("malformed")) {
            if (outcome.failure() != null) {
                assertThat(outcome.failure().reason()).as(name).isIn(Reason.CORRUPT, Reason.EMPTY, Reason.NO_TEXT);
                assertThat(outcome.failure().getMessage()).isNotBlank();
            }
        } else {
            assertThat(outcome.failure()).as(name).isNull();
            assertThat(outcome.document().text()).as(name).isNotBlank();
        }
    }

    @Test
    void normalPdfKeepsPageProvenance() {
        Path file = FIXTURES.resolve("pdf-normal-tracemonkey.pdf");
        Assumptions.assumeTrue(Files.exists(file), "shared fixtures are not present");

        ParsedDocument document = READER.read(file, "paper.pdf");

        assertThat(document.format()).isEqualTo("pdf");
        assertThat(document.pageCount()).isEqualTo(14);
        assertThat(document.sections()).extracting(s -> s.page()).contains(1, 14);
        assertThat(document.sections().get(0).text()).contains("Trace-based Just-in-Time Type Specialization");
    }

    @Test
    void legacyWordDocumentIsRead() {
        Path file = FIXTURES.resolve("doc-legacy-SampleDoc.doc");
        Assumptions.assumeTrue(Files.exists(file), "shared fixtures are not present");

        ParsedDocument document = READER.read(file, "sample.docx");

        assertThat(document.format()).isEqualTo("doc");
        assertThat(document.text()).isNotBlank();
    }

    /** Either a document or the typed failure; any other exception fails the test where it is thrown. */
    record Outcome(ParsedDocument document, UnreadableDocumentException failure) {
        static Outcome of(Path file, String name) {
            Throwable thrown = catchThrowable(() -> READER.read(file, name));
            if (thrown == null) {
                return new Outcome(READER.read(file, name), null);
            }
            assertThat(thrown).as(name).isInstanceOf(UnreadableDocumentException.class);
            return new Outcome(null, (UnreadableDocumentException) thrown);
        }
    }
}
