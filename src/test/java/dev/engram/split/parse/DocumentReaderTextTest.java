package dev.engram.split.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.split.TextSection;
import dev.engram.split.parse.UnreadableDocumentException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderTextTest {

    private final DocumentReader reader = new DocumentReader();

    @TempDir
    Path dir;

    @Test
    void aReadWhoseInvocationHasNoTimeLeftIsOutOfTimeNotTooLarge() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "John will lead the expansion.");

        assertThatThrownBy(() -> reader.read(file, "notes.txt", java.time.Instant.now().minusSeconds(1)))
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.OUT_OF_TIME));
        assertThat(reader.read(file, "notes.txt", java.time.Instant.now().plusSeconds(60)).text())
                .isEqualTo("John will lead the expansion.");
    }

    @Test
    void aTextThatMentionsThePdfHeaderIsReadAsText() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"),
                "Parser notes: every file starts with %PDF-1.7 or so.\nDecided to support PDF 2.0 in Q3.\n");

        ParsedDocument document = reader.read(file, "notes.txt");

        assertThat(document.format()).isEqualTo("text");
        assertThat(document.text()).contains("Decided to support PDF 2.0 in Q3.");
    }

    @Test
    void aPdfHeaderAtTheStartOrBehindABinaryPreambleIsAPdf() {
        assertThat(PdfHeader.at("%PDF-1.7\n%\u00e2\u00e3".getBytes(StandardCharsets.ISO_8859_1))).isTrue();
        byte[] preamble = new byte[128];
        byte[] pdf = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        byte[] both = java.util.Arrays.copyOf(preamble, preamble.length + pdf.length);
        System.arraycopy(pdf, 0, both, preamble.length, pdf.length);
        assertThat(PdfHeader.at(both)).isTrue();
        assertThat(PdfHeader.at("See the %PDF-1.7 spec.".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void utf16WithByteOrderMarkIsDecoded() throws IOException {
        for (Charset charset : new Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
            Path file = dir.resolve("notes-" + charset.name() + ".txt");
            Files.write(file, ("\uFEFFCafé meeting\r\nJohn will lead the expansion.").getBytes(charset));

            ParsedDocument document = reader.read(file, "notes.txt");

            assertThat(document.format()).isEqualTo("text");
            assertThat(document.text()).isEqualTo("Café meeting\nJohn will lead the expansion.");
        }
    }

    @Test
    void utf8WithAndWithoutByteOrderMarkIsDecoded() throws IOException {
        Path bom = dir.resolve("bom.txt");
        Files.write(bom, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "naïve “quotes” — 15 €".getBytes(StandardCharsets.UTF_8)));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "naïve “quotes” — 15 €");

        assertThat(reader.read(bom, null).text()).isEqualTo("naïve “quotes” — 15 €");
        assertThat(reader.read(plain, null).text()).isEqualTo("naïve “quotes” — 15 €");
    }

    @Test
    void windows1252TextFallsBackFromUtf8() throws IOException {
        Path file = dir.resolve("legacy.txt");
        Files.write(file, "Résumé of the café meeting – “final”".getBytes(Charset.forName("windows-1252")));

        assertThat(reader.read(file, "legacy.txt").text()).isEqualTo("Résumé of the café meeting – “final”");
    }

    @Test
    void crlfAndLoneCarriageReturnsBecomeLineFeeds() throws IOException {
        Path file = Files.writeString(dir.resolve("crlf.txt"), "one\r\ntwo\rthree\n");

        assertThat(reader.read(file, null).text()).isEqualTo("one\ntwo\nthree");
    }

    @Test
    void markdownGetsOneSectionPerHeadingBlockWithItsHeadingPath() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.md"), """
                Preamble line.

                # Intro
                Revenue up 15%.

                ## Scope
                - Sarah to prepare market research by Feb 1
                - John leads

                ```
                # not a heading inside code
                ```

                Risks
                -----
                Currency.
                """);

        ParsedDocument document = reader.read(file, "notes.md");

        assertThat(document.format()).isEqualTo("markdown");
        assertThat(document.sections()).extracting(TextSection::headingPath)
                .containsExactly(null, "Intro", "Intro > Scope", "Intro > Risks");
        assertThat(document.sections().get(2).text()).isEqualTo("""
                ## Scope
                - Sarah to prepare market research by Feb 1
                - John leads

                ```
                # not a heading inside code
                ```""");
        assertThat(document.sections().get(3).text()).isEqualTo("Risks\n-----\nCurrency.");
        DocumentReaderPdfTest.assertOffsetsConsistent(document, 0);
    }

    @Test
    void markdownFrontMatterDescribesTheFileAndIsNotItsText() throws IOException {
        Path file = Files.writeString(dir.resolve("triage.md"), """
                ---
                title: Triage meeting 2021-03-30
                tags: triage-meeting
                authors:
                  - scott
                ---

                # T-lang meeting agenda

                * Meeting date: 2021-03-30
                """);
        Path rule = Files.writeString(dir.resolve("rule.md"), """
                ---
                Not front matter: a rule above a paragraph.
                ---
                # Notes
                """);

        ParsedDocument document = reader.read(file, "triage.md");

        assertThat(document.text()).isEqualTo("# T-lang meeting agenda\n\n* Meeting date: 2021-03-30");
        assertThat(document.sections()).extracting(TextSection::headingPath).containsExactly("T-lang meeting agenda");
        DocumentReaderPdfTest.assertOffsetsConsistent(document, 0);
        assertThat(reader.read(rule, "rule.md").text()).contains("Not front matter: a rule above a paragraph.");
    }

    @Test
    void markdownIsRecognisedFromItsStructureWhateverTheName() throws IOException {
        Path file = Files.writeString(dir.resolve("upload.bin"), "# Plan\n\n- item one\n- item two\n");
        Path plain = Files.writeString(dir.resolve("plain.md.txt"), "Just a sentence.\n# one comment\n");

        assertThat(reader.read(file, "upload.bin").format()).isEqualTo("markdown");
        assertThat(reader.read(plain, "plain.txt").format()).isEqualTo("text");
    }

    @Test
    void emptyAndWhitespaceOnlyFilesAreEmpty() throws IOException {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        Path blank = Files.writeString(dir.resolve("blank.md"), " \r\n\t\n  ");

        for (Path file : new Path[] {empty, blank}) {
            assertThatThrownBy(() -> reader.read(file, file.getFileName().toString()))
                    .isInstanceOfSatisfying(UnreadableDocumentException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
        }
    }

    @Test
    void randomBinaryIsUnsupported() throws IOException {
        Path file = TestFiles.randomBytes(dir.resolve("data.txt"), 64 * 1024, 7);

        assertThatThrownBy(() -> reader.read(file, "data.txt"))
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED))
                .hasMessageContaining("binary data");
    }

    @Test
    void executablesAndImagesAreUnsupportedByName() throws IOException {
        Path elf = Files.write(dir.resolve("tool.pdf"), concat(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0},
                new byte[512]));
        Path png = Files.write(dir.resolve("photo.docx"), concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r',
                '\n', 0x1A, '\n'}, new byte[64]));

        assertThatThrownBy(() -> reader.read(elf, "tool.pdf")).hasMessageContaining("executable (ELF)");
        assertThatThrownBy(() -> reader.read(png, "photo.docx")).hasMessageContaining("PNG image")
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
    }

    @Test
    void textOverTheCharacterLimitIsTooLarge() throws IOException {
        Path file = Files.writeString(dir.resolve("long.txt"), "word ".repeat(100));
        DocumentReader small = new DocumentReader(ParseLimits.DEFAULTS.withMaxChars(50));

        assertThatThrownBy(() -> small.read(file, null))
                .isInstanceOfSatisfying(UnreadableDocumentException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void missingFileIsAnInputOutputProblemNotAnUnreadableDocument() {
        assertThatThrownBy(() -> reader.read(dir.resolve("absent.txt"), null))
                .isInstanceOf(UncheckedIOException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
