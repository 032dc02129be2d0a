package dev.engram.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileSnifferTest {

    @Test
    void fileNamesAreMadeSafeForObjectKeys() {
        assertThat(FileSniffer.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileSniffer.safeName("C:\\Users\\me\\notes (1).md")).isEqualTo("notes _1_.md");
        assertThat(FileSniffer.safeName("")).isEqualTo("upload");
        assertThat(FileSniffer.safeName("résumé.pdf")).isEqualTo("résumé.pdf");
    }

    @Test
    void sniffingRefusesBinariesAndKnowsDocuments() {
        assertThat(FileSniffer.kind("%PDF-1.7".getBytes(), 8)).contains("pdf");
        assertThat(FileSniffer.kind(new byte[] {'P', 'K', 3, 4, 0}, 5)).contains("zip");
        assertThat(FileSniffer.kind("# Notes\nhello".getBytes(), 13)).contains("text");
        assertThat(FileSniffer.kind(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, 6)).isEmpty();
        // The door agrees with the parser: UTF-16 notes without a byte-order mark are text, though they hold zeros.
        byte[] utf16 = "Action item: Sarah to send the agenda.".getBytes(StandardCharsets.UTF_16LE);
        assertThat(FileSniffer.kind(utf16, utf16.length)).contains("text");
    }
}
