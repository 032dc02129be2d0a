package dev.engram.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final Chunker chunker = new Chunker(64, 12);

    @Test
    void shortTextIsOneChunkWithOffsets() {
        String text = "  Revenue up 15%. Decided to expand.  ";
        List<Chunk> chunks = chunker.chunk(text);
        assertThat(chunks).hasSize(1);
        Chunk c = chunks.get(0);
        assertThat(c.text()).isEqualTo("Revenue up 15%. Decided to expand.");
        assertThat(text.substring(c.start(), c.end())).isEqualTo(c.text());
        assertThat(c.overlapChars()).isZero();
    }

    @Test
    void nestedItemsKeepTheirIndentationSoTheExtractorSeesTheOutline() {
        String text = "## PRs\n\n* feat: add window.setVibrancy on Linux\n    * Approved\n";
        Chunk c = chunker.chunk(text).get(0);
        assertThat(c.text()).contains("\n    * Approved");
        assertThat(text.substring(c.start(), c.end())).isEqualTo(c.text());
    }

    @Test
    void aLineEndingInSpacesStillEndsItsLineSoTheNestedItemBelowKeepsItsOwnLine() {
        String text = "* Artem suggests aligning our terminology with IEC 12207.   \n"
                + "    * Artem to look up prior analysis and share it.\n";
        Chunk c = chunker.chunk(text).get(0);
        assertThat(c.text()).contains("12207.\n    * Artem to look up");
    }

    @Test
    void aChunkCountsTheLinesOfItsSectionBeforeItThatNameWhoSpeaks() {
        String transcript = IntStream.range(0, 12).mapToObj(i -> (i % 2 == 0 ? "SFC" : "FYT")
                + ": point number " + i + " about the data we get from upstream.").collect(Collectors.joining("\n\n"))
                + "\n\nNo changes for now.";
        String notes = IntStream.range(0, 12).mapToObj(i -> "Plain note number " + i + " about the next topic, with no speaker.")
                .collect(Collectors.joining("\n"));
        List<Chunk> chunks = chunker.chunk(List.of(new TextSection(transcript, 0, null, "Meeting > Topic A"),
                new TextSection(notes, transcript.length() + 2, null, "Meeting > Topic B")), 0);
        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks.get(0).spokenBefore()).isZero();
        for (Chunk c : chunks) {
            if (c.headingPath().endsWith("Topic A")) {
                String before = transcript.substring(0, c.start());
                assertThat(c.spokenBefore()).isEqualTo((int) before.lines().filter(l -> l.matches("[A-Z]{3}: .*")).count());
            } else {
                assertThat(c.spokenBefore()).isZero();
            }
        }
        assertThat(chunks.get(chunks.size() - 1).headingPath()).endsWith("Topic B");
        assertThat(chunks.stream().filter(c -> c.headingPath().endsWith("Topic A")).mapToInt(Chunk::spokenBefore).max()
                .orElse(0)).isGreaterThan(6);
    }

    @Test
    void everyChunkRespectsTheTokenBoundAndEndsOnASentence() {
        String text = IntStream.range(0, 60).mapToObj(i -> "Sentence number " + i + " talks about item " + i + ".")
                .collect(Collectors.joining(" "));
        List<Chunk> chunks = chunker.chunk(text);
        assertThat(chunks.size()).isGreaterThan(5);
        for (Chunk c : chunks) {
            assertThat(c.tokens()).isLessThanOrEqualTo(64);
            assertThat(TokenEstimator.estimate(c.text())).isLessThanOrEqualTo(64);
            assertThat(c.text()).endsWith(".");
            assertThat(c.text()).startsWith("Sentence");
        }
        assertThat(chunks).extracting(Chunk::index).containsExactlyElementsOf(
                IntStream.range(0, chunks.size()).boxed().toList());
    }

    @Test
    void consecutiveChunksOverlapByWholeSentences() {
        String text = IntStream.range(0, 40).mapToObj(i -> "Point " + i + " is here.")
                .collect(Collectors.joining(" "));
        List<Chunk> chunks = chunker.chunk(text);
        for (int i = 1; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertThat(c.overlapChars()).isPositive();
            String overlap = c.text().substring(0, c.overlapChars()).trim();
            assertThat(chunks.get(i - 1).text()).endsWith(overlap);
            assertThat(TokenEstimator.estimate(overlap)).isLessThanOrEqualTo(12);
        }
    }

    @Test
    void everySentenceAppearsInSomeChunkAsNewText() {
        String text = IntStream.range(0, 50).mapToObj(i -> "Fact " + i + " matters.")
                .collect(Collectors.joining("\n"));
        List<Chunk> chunks = chunker.chunk(text);
        String news = chunks.stream().map(c -> c.text().substring(c.overlapChars()))
                .collect(Collectors.joining("\n"));
        for (int i = 0; i < 50; i++) {
            assertThat(news).contains("Fact " + i + " matters.");
        }
    }

    @Test
    void aSentenceLongerThanAChunkIsCutAtWords() {
        String text = IntStream.range(0, 300).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        List<Chunk> chunks = chunker.chunk(text);
        assertThat(chunks.size()).isGreaterThan(3);
        chunks.forEach(c -> assertThat(c.tokens()).isLessThanOrEqualTo(64));
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).doesNotStartWith(" "));
    }

    @Test
    void bulletLinesAreSeparateSentences() {
        String text = "Agenda\n- budget review\n- hiring plan\n\nNotes: all good";
        List<Chunk> chunks = new Chunker(400, 40).chunk(text);
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).text()).contains("- budget review\n- hiring plan");
    }

    @Test
    void aNumberedItemsMarkerStaysWithItsTextAtAChunkBoundary() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            text.append("    ").append(i).append(". SL: This is item number ").append(i).append(" of the list, or not\n");
        }
        List<Chunk> chunks = chunker.chunk(text.toString());
        assertThat(chunks).hasSizeGreaterThan(2);
        for (Chunk c : chunks) {
            String[] lines = c.text().split("\n");
            assertThat(lines[lines.length - 1].strip()).as("last line of chunk %d", c.index()).matches("\\d+\\. SL: .*");
            assertThat(lines[0].strip()).as("first line of chunk %d", c.index()).matches("\\d+\\. SL: .*");
        }
    }

    @Test
    void emptyTextHasNoChunks() {
        assertThat(chunker.chunk("   \n\n  ")).isEmpty();
    }

    @Test
    void abbreviationsDoNotEndSentences() {
        assertThat(SentenceSpans.of("Dr. Smith met Mr. Jones. They agreed.")).hasSize(2);
    }

    @Test
    void rejectsNonsenseSizes() {
        assertThatThrownBy(() -> new Chunker(8, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunker(100, 60)).isInstanceOf(IllegalArgumentException.class);
    }
}
