package dev.engram.ingest;

import dev.engram.split.parse.FileSignature;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A quick look at a file's first bytes to refuse, at the door, what Engram cannot read. The split stage's parser
 * decides for good; this only keeps images, archives and executables out.
 */
final class FileSniffer {

    private FileSniffer() {
    }

    /** The kind of file the bytes look like (pdf, zip, ole2, text, empty), or empty when unsupported. */
    static Optional<String> kind(byte[] head, int length) {
        var signature = FileSignature.of(Arrays.copyOf(head, Math.min(length, FileSignature.HEAD_BYTES)));
        return switch (signature.family()) {
            case BINARY -> Optional.empty();
            default -> Optional.of(signature.family().name().toLowerCase(Locale.ROOT));
        };
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
