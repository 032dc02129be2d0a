package dev.engram.split.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a file's first bytes say it is: the one place Engram reads magic numbers. The ingest door uses it to refuse
 * images, archives and executables at once; the split stage's {@link ContentSniffer} starts from it and looks
 * inside ZIP and OLE2 containers.
 */
public final class FileSignature {

    /** The family the first bytes belong to. */
    public enum Family { EMPTY, PDF, ZIP, OLE2, TEXT, BINARY }

    /** The family and a reader's word for what the bytes look like ("PNG image", "text"). */
    public record Signature(Family family, String description) {
    }

    /** How many leading bytes the verdict reads. */
    public static final int HEAD_BYTES = 8192;

    private FileSignature() {
    }

    /** The signature of {@code head}, the file's first bytes (at most {@link #HEAD_BYTES} are read). */
    public static Signature of(byte[] head) {
        if (head.length == 0) {
            return new Signature(Family.EMPTY, "empty file");
        }
        if (PdfHeader.at(head)) {
            return new Signature(Family.PDF, "PDF");
        }
        if (startsWith(head, 0x50, 0x4B, 0x03, 0x04) || startsWith(head, 0x50, 0x4B, 0x05, 0x06)) {
            return new Signature(Family.ZIP, "ZIP archive");
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return new Signature(Family.OLE2, "Office 97-2003 compound file");
        }
        String binary = knownBinary(head);
        if (binary != null) {
            return new Signature(Family.BINARY, binary);
        }
        if (TextDecoder.looksBinary(head)) {
            return new Signature(Family.BINARY, "binary data");
        }
        return new Signature(Family.TEXT, "text");
    }

    /** The signature of the file's first {@link #HEAD_BYTES} bytes. */
    public static Signature of(Path file) throws IOException {
        return of(head(file));
    }

    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    private static String knownBinary(byte[] h) {
        if (startsWith(h, 0x89, 'P', 'N', 'G')) {
            return "PNG image";
        }
        if (startsWith(h, 0xFF, 0xD8, 0xFF)) {
            return "JPEG image";
        }
        if (startsWith(h, 'G', 'I', 'F', '8')) {
            return "GIF image";
        }
        if (startsWith(h, 'I', 'I', 0x2A, 0x00) || startsWith(h, 'M', 'M', 0x00, 0x2A)) {
            return "TIFF image";
        }
        if (startsWith(h, 'R', 'I', 'F', 'F') && h.length >= 12 && h[8] == 'W' && h[9] == 'E' && h[10] == 'B') {
            return "WebP image";
        }
        if (startsWith(h, 0x7F, 'E', 'L', 'F')) {
            return "executable (ELF)";
        }
        if (startsWith(h, 'M', 'Z') && TextDecoder.looksBinary(h)) {
            return "executable (Windows)";
        }
        if (startsWith(h, 0xCF, 0xFA, 0xED, 0xFE) || startsWith(h, 0xCE, 0xFA, 0xED, 0xFE)
                || startsWith(h, 0xFE, 0xED, 0xFA, 0xCE) || startsWith(h, 0xFE, 0xED, 0xFA, 0xCF)) {
            return "executable (Mach-O)";
        }
        if (startsWith(h, 0xCA, 0xFE, 0xBA, 0xBE)) {
            return "Java class or universal binary";
        }
        if (startsWith(h, 0x1F, 0x8B)) {
            return "gzip archive";
        }
        if (startsWith(h, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return "7-Zip archive";
        }
        if (startsWith(h, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
            return "RAR archive";
        }
        if (startsWith(h, 0xFD, '7', 'z', 'X', 'Z', 0x00)) {
            return "xz archive";
        }
        if (startsWith(h, 0x28, 0xB5, 0x2F, 0xFD)) {
            return "zstd archive";
        }
        if (startsWith(h, '{', '\\', 'r', 't', 'f')) {
            return "RTF document (save it as DOCX or PDF)";
        }
        if (startsWith(h, 'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't')) {
            return "SQLite database";
        }
        if (startsWith(h, 'O', 'g', 'g', 'S') || startsWith(h, 'I', 'D', '3') || startsWith(h, 'f', 'L', 'a', 'C')) {
            return "audio file";
        }
        if (h.length >= 12 && h[4] == 'f' && h[5] == 't' && h[6] == 'y' && h[7] == 'p') {
            return "video or image file (ISO media)";
        }
        return null;
    }

    /** True when {@code data} begins with the unsigned byte values of {@code prefix}. */
    static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
