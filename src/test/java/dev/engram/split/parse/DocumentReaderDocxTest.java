package dev.engram.split.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.engram.split.TextSection;
import dev.engram.split.parse.UnreadableDocumentException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderDocxTest {

    private final DocumentReader reader = new DocumentReader();

    @TempDir
    Path dir;

    @Test
    void aHeadingOpensItsSectionAsMarkdownWritesIt() throws IOException {
        // The extractor reads "## Risks" as context; as a bare line "Risks" it could become a memory of its own.
        ParsedDocument document = reader.read(TestFiles.richDocx(dir.resolve("plan.docx")), "plan.docx");
        assertThat(section(document, "Expansion plan > Risks").text()).startsWith("# Risks\n\n");
        assertThat(section(document, "Expansion plan").text()).startsWith("# Expansion plan");
    }

    @Test
    void docxKeepsHeadingsTablesHeadersFootersFootnotesAndComments() throws IOException {
        Path docx = TestFiles.richDocx(dir.resolve("plan.docx"));

        ParsedDocument document = reader.read(docx, "plan.docx");

        assertThat(document.format()).isEqualTo("docx");
        assertThat(document.pageCount()).isNull();
        List<TextSection> sections = document.sections();
        assertThat(sections).extracting(TextSection::headingPath).containsExactly("Header", "Expansion plan",
                "Expansion plan > Intro", "Expansion plan > Intro > Scope", "Expansion plan > Risks", "Footer",
                "Footnotes", "Comments");
        assertThat(section(document, "Header").text()).isEqualTo("ACME Confidential");
        assertThat(section(document, "Expansion plan > Intro > Scope").text())
                .isEqualTo("## Scope\n\nDecided to expand to the European market in Q2.[1]\n\n"
                        + "Owner | Task\nSarah | Market research by Feb 1");
        assertThat(section(document, "Footer").text()).isEqualTo("Printed for the board");
        assertThat(section(document, "Footnotes").text()).isEqualTo("[1] Source: the Q4 finance report.");
        assertThat(section(document, "Comments").text()).isEqualTo("Comment by John: Check the Q2 date with legal.");
        DocumentReaderPdfTest.assertOffsetsConsistent(document, 0);
    }

    @Test
    void zipBombDocxIsTooLargeAndRefusedQuickly() throws IOException {
        Path bomb = TestFiles.zipBombDocx(dir.resolve("bomb.docx"), 64L << 20);
        assertThat(Files.size(bomb)).isLessThan(1L << 20);

        Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowable(() -> reader.read(bomb, "bomb.docx")));

        assertThat(thrown).isInstanceOfSatisfying(UnreadableDocumentException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE)).hasMessageContaining("zip bomb");
    }

    @Test
    void docxEntryOverTheConfiguredSizeIsTooLarge() throws IOException {
        Path docx = TestFiles.richDocx(dir.resolve("plan.docx"));
        DocumentReader strict = new DocumentReader(ParseLimits.DEFAULTS.withMaxEntryBytes(1_000));
        try {
            assertThatThrownBy(() -> strict.read(docx, "plan.docx"))
                    .isInstanceOfSatisfying(UnreadableDocumentException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        } finally {
            new DocumentReader(); // the zip limits are process-wide: put the defaults back
        }
    }

    @Test
    void truncatedDocxIsReportedAsDamaged() throws IOException {
        Path docx = TestFiles.richDocx(dir.resolve("plan.docx"));
        for (double fraction : new double[] {0.1, 0.5, 0.9}) {
            Path cut = TestFiles.truncated(docx, dir.resolve("cut-" + fraction + ".docx"), fraction);

            assertThatThrownBy(() -> reader.read(cut, "cut.docx"))
                    .isInstanceOfSatisfying(UnreadableDocumentException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                    .hasMessageContaining("damaged")
                    .hasMessageNotContaining(dir.toString());
        }
    }

    @Test
    void docxThatIsReallyTextIsReadAsText() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.docx"), "Plain notes saved with the wrong name.\r\n");

        ParsedDocument document = reader.read(file, "notes.docx");

        assertThat(document.format()).isEqualTo("text");
        assertThat(document.text()).isEqualTo("Plain notes saved with the wrong name.");
    }

    @Test
    void zipThatIsNoWordDocumentIsUnsupported() throws IOException {
        Path zip = dir.resolve("archive.docx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("xl/workbook.xml"));
            out.write("<workbook/>".getBytes());
            out.closeEntry();
        }

        assertThatThrownBy(() -> reader.read(zip, "archive.docx"))
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED))
                .hasMessageContaining("Excel");
    }

    private static TextSection section(ParsedDocument document, String headingPath) {
        return document.sections().stream().filter(s -> headingPath.equals(s.headingPath())).findFirst()
                .orElseThrow();
    }
}
