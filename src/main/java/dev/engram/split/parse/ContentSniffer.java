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

    private ContentSniffer() {
    }

    static Sniffed sniff(Path file) throws IOException {
        FileSignature.Signature head = FileSignature.of(file);
        return switch (head.family()) {
            case PDF -> new Sniffed(Kind.PDF, "PDF");
            case ZIP -> sniffZip(file);
            case OLE2 -> sniffOle2(file);
            case BINARY -> new Sniffed(Kind.UNSUPPORTED, head.description());
            case EMPTY, TEXT -> new Sniffed(Kind.TEXT, "text");
        };
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
