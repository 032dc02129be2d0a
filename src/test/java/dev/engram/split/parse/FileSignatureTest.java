package dev.engram.split.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.split.parse.FileSignature.Family;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileSignatureTest {

    @Test
    void containersAndPdfsAreKnownByTheirMagicNumbers() {
        assertThat(FileSignature.of("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)).family()).isEqualTo(Family.PDF);
        assertThat(FileSignature.of(new byte[] {'P', 'K', 3, 4, 20, 0}).family()).isEqualTo(Family.ZIP);
        assertThat(FileSignature.of(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
                0x1A, (byte) 0xE1}).family()).isEqualTo(Family.OLE2);
        assertThat(FileSignature.of(new byte[0]).family()).isEqualTo(Family.EMPTY);
    }

    @Test
    void imagesAndExecutablesAreBinaryAndSayWhatTheyLookLike() {
        var png = FileSignature.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D});
        assertThat(png.family()).isEqualTo(Family.BINARY);
        assertThat(png.description()).isEqualTo("PNG image");
        assertThat(FileSignature.of(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}).description())
                .isEqualTo("executable (ELF)");
    }

    @Test
    void utf16TextWithoutAByteOrderMarkIsText() {
        byte[] notes = "Decision: ship the beta on Friday.".getBytes(StandardCharsets.UTF_16LE);
        assertThat(FileSignature.of(notes).family()).isEqualTo(Family.TEXT);
    }

    @Test
    void aTextThatOnlyMentionsThePdfHeaderIsText() {
        byte[] text = "Notes\nThe file starts with %PDF-1.4 as usual.\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(FileSignature.of(text).family()).isEqualTo(Family.TEXT);
    }
}
