package dev.engram.ingest;

import java.util.Optional;

/**
 * A quick look at a file's first bytes to refuse, at the door, what Engram cannot read. The split stage's parser
 * decides for good; this only keeps images, archives and executables out.
 */
final class FileSniffer {

    private FileSniffer() {
    }

    /** The kind of file the bytes look like (pdf, zip, ole2, text), or empty when unsupported. */
    static Optional<String> kind(byte[] head, int length) {
        if (length == 0) {
            return Optional.of("empty");
        }
        if (startsWith(head, length, '%', 'P', 'D', 'F')) {
            return Optional.of("pdf");
        }
        if (startsWith(head, length, 'P', 'K', 3, 4)) {
            return Optional.of("zip");
        }
        if (startsWith(head, length, 0xD0, 0xCF, 0x11, 0xE0)) {
            return Optional.of("ole2");
        }
        if (startsWith(head, length, 0xFF, 0xFE) || startsWith(head, length, 0xFE, 0xFF)) {
            return Optional.of("text");
        }
        int controls = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) {
                return Optional.empty();
            }
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
                controls++;
            }
        }
        return controls * 100 > length ? Optional.empty() : Optional.of("text");
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** A safe object-key file name: the base name, unusual characters replaced, at most 120 characters. */
    static String safeName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        base = base.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        if (base.isBlank() || base.equals(".") || base.equals("..")) {
            base = "upload";
        }
        return base.length() > 120 ? base.substring(base.length() - 120) : base;
    }
}
