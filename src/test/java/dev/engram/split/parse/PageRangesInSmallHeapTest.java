package dev.engram.split.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mechanism that keeps big PDFs in bounded memory: a separate JVM with a 48 MB heap reads a 400-page PDF range by
 * range, as the split stage does, and gets every page's text. (The benchmark does the same with 1,000 pages through
 * the whole pipeline under a 512 MB worker heap.)
 */
class PageRangesInSmallHeapTest {

    @TempDir
    Path dir;

    @Test
    void aLongPdfIsReadRangeByRangeInASmallHeap() throws Exception {
        String[] pages = new String[400];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = ("Page " + (i + 1) + " of the annual report. Revenue grew in every region and the board "
                    + "decided to keep the dividend. ").repeat(12);
        }
        Path pdf = TestFiles.pdf(dir.resolve("long.pdf"), pages);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RangeReader.class.getName(), pdf.toString(), "50")
                .redirectErrorStream(true).start();
        boolean ended = child.waitFor(180, TimeUnit.SECONDS);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the child JVM finished").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("pages=400 sections=400");
    }

    /** Reads a PDF in page ranges and prints what it found; run in its own small-heap JVM. */
    public static final class RangeReader {
        public static void main(String[] args) throws IOException {
            Path pdf = Path.of(args[0]);
            int size = Integer.parseInt(args[1]);
            DocumentReader reader = new DocumentReader();
            int pages = reader.pageCount(pdf);
            int sections = 0;
            for (int from = 1; from <= pages; from += size) {
                List<?> found = reader.readPdfPages(pdf, from, Math.min(pages, from + size - 1)).sections();
                sections += found.size();
            }
            System.out.println("pages=" + pages + " sections=" + sections);
        }
    }
}
