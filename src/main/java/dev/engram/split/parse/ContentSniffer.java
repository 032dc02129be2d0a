package dev.engram.split.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Tells what a file is from its bytes, never from its name. */
final class ContentSniffer {

    /** What the content is. */
    enum Kind { PDF, DOCX, DOC, ENCRYPTED_OOXML, TEXT, UNSUPPORTED, DAMAGED_OLE2, DAMAGED_ZIP }

    /** The verdict and, for unsupported content, what it looked like. */
    record Sniffed(Kind kind, String description) {
    }

    static final int SAMPLE_BYTES = 8192;

    private ContentSniffer() {
    }

    static Sniffed sniff(Path file) throws IOException {
        byte[] head = readHead(file, SAMPLE_BYTES);
        if (PdfHeader.at(head)) {
            return new Sniffed(Kind.PDF, "PDF");
        }
        if (startsWith(head, 0x50, 0x4B, 0x03, 0x04) || startsWith(head, 0x50, 0x4B, 0x05, 0x06)) {
            return sniffZip(file);
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return sniffOle2(file);
        }
        String binary = knownBinary(head);
        if (binary != null) {
            return new Sniffed(Kind.UNSUPPORTED, binary);
        }
        if (TextDecoder.looksBinary(head)) {
            return new Sniffed(Kind.UNSUPPORTED, "binary data");
        }
        return new Sniffed(Kind.TEXT, "text");
    }

    private static Sniffed sniffZip(Path file) throws IOException {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            // A real DOCX has a few dozen entries; stop listing a crafted archive with millions.
            for (int i = 0; entries.hasMoreElements() && i < 10_000; i++) {
                names.add(entries.nextElement().getName());
            }
        } catch (IOException | RuntimeException e) {
            // No readable central directory (truncated download): a damaged DOCX still names its parts up front.
            return containsAscii(file, "word/document.xml")
                    ? new Sniffed(Kind.DOCX, "DOCX")
                    : new Sniffed(Kind.DAMAGED_ZIP, "damaged ZIP archive");
        }
        if (names.contains("word/document.xml")) {
            return new Sniffed(Kind.DOCX, "DOCX");
        }
        if (names.contains("xl/workbook.xml")) {
            return new Sniffed(Kind.UNSUPPORTED, "Excel workbook (.xlsx)");
        }
        if (names.contains("ppt/presentation.xml")) {
            return new Sniffed(Kind.UNSUPPORTED, "PowerPoint presentation (.pptx)");
        }
        if (names.contains("mimetype") && names.contains("content.xml")) {
            return new Sniffed(Kind.UNSUPPORTED, "OpenDocument file (.odt/.ods/.odp)");
        }
        if (names.contains("META-INF/container.xml")) {
            return new Sniffed(Kind.UNSUPPORTED, "EPUB e-book");
        }
        if (names.contains("META-INF/MANIFEST.MF")) {
            return new Sniffed(Kind.UNSUPPORTED, "Java archive");
        }
        return new Sniffed(Kind.UNSUPPORTED, "ZIP archive");
    }

    private static Sniffed sniffOle2(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntryCaseInsensitive("EncryptedPackage")) {
                return new Sniffed(Kind.ENCRYPTED_OOXML, "encrypted Office document");
            }
            if (root.hasEntryCaseInsensitive("WordDocument")) {
                return new Sniffed(Kind.DOC, "Word 97-2003 document");
            }
            if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")) {
                return new Sniffed(Kind.UNSUPPORTED, "Excel 97-2003 workbook (.xls)");
            }
            if (root.hasEntryCaseInsensitive("PowerPoint Document")) {
                return new Sniffed(Kind.UNSUPPORTED, "PowerPoint 97-2003 presentation (.ppt)");
            }
            if (root.hasEntryCaseInsensitive("__properties_version1.0")) {
                return new Sniffed(Kind.UNSUPPORTED, "Outlook message (.msg)");
            }
            return new Sniffed(Kind.UNSUPPORTED, "Office 97-2003 compound file");
        } catch (IOException | RuntimeException e) {
            return new Sniffed(Kind.DAMAGED_OLE2, "damaged Office 97-2003 file: " + e.getMessage());
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

    static byte[] readHead(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }

    private static boolean startsWith(byte[] data, int... prefix) {
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

    private static int indexOf(byte[] data, byte[] needle, int within) {
        int last = Math.min(data.length, within) - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Streams the file looking for an ASCII string (local zip headers keep entry names in plain text). */
    private static boolean containsAscii(Path file, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[64 * 1024 + needle.length];
        try (InputStream in = Files.newInputStream(file)) {
            int carry = 0;
            int read;
            while ((read = in.readNBytes(buffer, carry, buffer.length - carry)) > 0) {
                int filled = carry + read;
                if (indexOf(buffer, needle, filled) >= 0) {
                    return true;
                }
                carry = Math.min(needle.length - 1, filled);
                System.arraycopy(buffer, filled - carry, buffer, 0, carry);
            }
        }
        return false;
    }
}
