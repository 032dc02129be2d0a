package dev.engram.split.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.engram.split.TextSection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Word 97-2003 files written by Word itself (Apache POI's test documents, see their SOURCES.txt). */
class LegacyDocParserTest {

    private static final DocumentReader READER = new DocumentReader();

    @TempDir
    Path dir;

    @Test
    void tableRowsReadAsCellsJoinedAndTheProseAroundThemStays() throws IOException {
        ParsedDocument document = READER.read(fixture("simple-table.doc"), "simple-table.doc");
        assertThat(document.format()).isEqualTo("doc");
        assertThat(document.text()).contains("It contains a paragraph, a table consisting of 2 rows and 3 columns")
                .contains("Cell 1,1 | Cell 1,2 | Cell 1,3\nCell 2,1 | Cell 2,2 | Cell 2,3")
                .contains("This text is below the table.");
    }

    @Test
    void footnotesEndnotesAndCommentsAreSectionsOfTheirOwn() throws IOException {
        ParsedDocument document = READER.read(fixture("footnote.doc"), "footnote.doc");
        assertThat(document.sections()).extracting(TextSection::headingPath, s -> s.text().strip())
                .containsExactly(tuple(null, "Test text"), tuple("Footnotes", "TestFootnote"),
                        tuple("Endnotes", "TestEndnote"), tuple("Comments", "Comment: TestComment"));
    }

    @Test
    void headersFootersAndHeadingsBecomeHeadingPathsAndUnicodeSurvives() throws IOException {
        ParsedDocument document = READER.read(fixture("HeaderFooterUnicode.doc"), "HeaderFooterUnicode.doc");
        assertThat(document.sections()).extracting(TextSection::headingPath).contains("Header", "Molière");
        assertThat(document.sections().get(0).text()).contains("with a € euro symbol in it");
        assertThat(document.text()).contains("GBP - £", "L'Avare ou l'École du mensonge",
                "Les Précieuses ridicules");
    }

    @Test
    void aTruncatedFileIsUnreadableWithItsReason() throws IOException {
        Path cut = dir.resolve("cut.doc");
        try (InputStream in = fixture("footnote.doc").toUri().toURL().openStream()) {
            Files.write(cut, java.util.Arrays.copyOf(in.readAllBytes(), 600));
        }
        assertThatThrownBy(() -> READER.read(cut, "cut.doc")).isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("damaged");
    }

    private static Path fixture(String name) {
        return Path.of("src", "test", "resources", "documents", "legacy", name);
    }
}
