package dev.engram.split.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Whether bytes start a PDF. Readers accept the {@code %PDF-1.x} header anywhere in the first kilobyte, behind a
 * binary preamble (a MacBinary or mail header); a text that merely mentions {@code %PDF-} in its first lines is text.
 */
final class PdfHeader {

    private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final int WITHIN = 1024;

    private PdfHeader() {
    }

    /** True when {@code head} (the file's first bytes) holds a PDF header that is not part of readable text. */
    static boolean at(byte[] head) {
        int limit = Math.min(head.length, WITHIN) - MAGIC.length - 1;
        for (int i = 0; i <= limit; i++) {
            if (Arrays.equals(head, i, i + MAGIC.length, MAGIC, 0, MAGIC.length)
                    && Character.isDigit(head[i + MAGIC.length])) {
                // At the start (after whitespace) it is a PDF; later only behind bytes that are not text.
                return blank(head, i) || TextDecoder.looksBinary(Arrays.copyOf(head, i));
            }
        }
        return false;
    }

    private static boolean blank(byte[] head, int end) {
        for (int i = 0; i < end; i++) {
            if (!Character.isWhitespace(head[i])) {
                return false;
            }
        }
        return true;
    }
}
