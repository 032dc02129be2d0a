package dev.engram.split.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.split.TextSection;
import dev.engram.split.parse.UnreadableDocumentException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderPdfTest {

    private final DocumentReader reader = new DocumentReader();

    @TempDir
    Path dir;

    @Test
    void multiPagePdfGivesOneSectionPerPageWithPageNumbersAndConsistentOffsets() throws IOException {
        Path pdf = TestFiles.pdf(dir.resolve("notes.pdf"),
                "Revenue up 15% in Q4.", "Decided to expand to the European market in Q2.",
                "Action item: Sarah to prepare market research by Feb 1.");

        ParsedDocument document = reader.read(pdf, "notes.pdf");

        assertThat(document.format()).isEqualTo("pdf");
        assertThat(document.pageCount()).isEqualTo(3);
        assertThat(document.sections()).extracting(TextSection::page).containsExactly(1, 2, 3);
        assertThat(document.sections().get(1).text()).contains("European market");
        assertOffsetsConsistent(document, 0);
        assertThat(document.totalChars()).isEqualTo(document.text().length());
    }

    @Test
    void pageRangesReadOneAfterAnotherShareOneOffsetSpace() throws IOException {
        Path pdf = TestFiles.pdf(dir.resolve("long.pdf"), "First page.", "Second page.", "Third page.",
                "Fourth page.", "Fifth page.");
        ParsedDocument whole = reader.read(pdf, null);

        assertThat(reader.pageCount(pdf)).isEqualTo(5);
        List<TextSection> joined = new ArrayList<>();
        int offset = 0;
        for (int from = 1; from <= 5; from += 2) {
            ParsedDocument range = reader.readPdfPages(pdf, from, from + 1, offset);
            assertThat(range.pageCount()).isEqualTo(5);
            joined.addAll(range.sections());
            offset = range.nextStart(offset);
        }

        assertThat(joined).isEqualTo(whole.sections());
        assertThat(reader.readPdfPages(pdf, 4, 4).sections()).singleElement()
                .satisfies(s -> assertThat(s.page()).isEqualTo(4))
                .satisfies(s -> assertThat(s.start()).isZero());
    }

    @Test
    void pdfWithUserPasswordIsRefusedWithAMessageAboutThePassword() throws IOException {
        Path pdf = TestFiles.encryptedPdf(dir.resolve("secret.pdf"), "user-secret", "owner-secret", "Hidden.");

        assertThatThrownBy(() -> reader.read(pdf, "secret.pdf"))
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ENCRYPTED))
                .hasMessageContaining("password");
    }

    @Test
    void pdfWithOnlyAnOwnerPasswordReadsNormally() throws IOException {
        Path pdf = TestFiles.encryptedPdf(dir.resolve("restricted.pdf"), "", "owner-secret",
                "Permissions restricted but readable.");

        assertThat(reader.read(pdf, "restricted.pdf").text()).contains("Permissions restricted but readable.");
    }

    @Test
    void imageOnlyPdfHasNoExtractableText() throws IOException {
        Path pdf = TestFiles.imageOnlyPdf(dir.resolve("scan.pdf"));

        assertThatThrownBy(() -> reader.read(pdf, "scan.pdf"))
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_TEXT))
                .hasMessageContaining("no extractable text; OCR is not supported");
    }

    @Test
    void imageOnlyPageRangeGivesNoSectionsInsteadOfFailing() throws IOException {
        Path pdf = TestFiles.imageOnlyPdf(dir.resolve("scan.pdf"));

        ParsedDocument range = reader.readPdfPages(pdf, 1, 1, 42);

        assertThat(range.sections()).isEmpty();
        assertThat(range.nextStart(42)).isEqualTo(42);
    }

    @Test
    void truncatedPdfIsReportedAsDamagedOrReadAsFarAsItGoes() throws IOException {
        Path pdf = TestFiles.pdf(dir.resolve("whole.pdf"), "Some text that will be cut.", "More text.");
        for (double fraction : new double[] {0.1, 0.3, 0.5, 0.7, 0.9}) {
            Path cut = TestFiles.truncated(pdf, dir.resolve("cut-" + fraction + ".pdf"), fraction);
            try {
                assertThat(reader.read(cut, "cut.pdf").sections()).isNotEmpty();
            } catch (UnreadableDocumentException e) {
                assertThat(e.reason()).as("fraction %s", fraction).isIn(Reason.CORRUPT, Reason.NO_TEXT);
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        Path header = dir.resolve("header-only.pdf");
        Files.writeString(header, "%PDF-1.7\n%garbage after the header\n");
        assertThatThrownBy(() -> reader.read(header, "x.pdf"))
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("damaged");
    }

    @Test
    void pdfNamedAsTextIsReadAsPdf() throws IOException {
        Path pdf = TestFiles.pdf(dir.resolve("report.txt"), "Quarterly numbers.");

        ParsedDocument document = reader.read(pdf, "report.txt");

        assertThat(document.format()).isEqualTo("pdf");
        assertThat(document.text()).contains("Quarterly numbers.");
    }

    @Test
    void textBeyondTheCharacterLimitIsTooLarge() throws IOException {
        Path pdf = TestFiles.pdf(dir.resolve("big.pdf"), "a".repeat(80), "b".repeat(80));
        DocumentReader small = new DocumentReader(ParseLimits.DEFAULTS.withMaxChars(100));

        assertThatThrownBy(() -> small.read(pdf, null))
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessageContaining("100 characters");
    }

    @Test
    void pageRangeOfANonPdfIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("a.pdf"), "just text");

        assertThatThrownBy(() -> reader.readPdfPages(text, 1, 2))
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
        assertThatThrownBy(() -> reader.readPdfPages(text, 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    static void assertOffsetsConsistent(ParsedDocument document, int firstStart) {
        int expected = firstStart;
        for (TextSection section : document.sections()) {
            assertThat(section.start()).isEqualTo(expected);
            assertThat(section.text()).isNotBlank();
            expected = section.start() + section.text().length() + ParsedDocument.SEPARATOR.length();
        }
        String text = document.text();
        for (TextSection section : document.sections()) {
            assertThat(text.substring(section.start() - firstStart, section.start() - firstStart
                    + section.text().length())).isEqualTo(section.text());
        }
    }
}
