package dev.engram.split.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes text files whose charset nobody told us: a byte-order mark wins, then UTF-16 recognised by its zero bytes,
 * then UTF-8 when the bytes are valid UTF-8 (ASCII included), else windows-1252, the superset of ISO-8859-1 that
 * Western editors write (ISO-8859-1 when a byte is one windows-1252 leaves undefined).
 */
final class TextDecoder {

    /** Decoded text and the charset it was read with. */
    record Decoded(String text, Charset charset) {
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoder() {
    }

    static Decoded decode(byte[] bytes) {
        if (FileSignature.startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return lenient(bytes, 3, StandardCharsets.UTF_8);
        }
        if (FileSignature.startsWith(bytes, 0xFF, 0xFE)) {
            return lenient(bytes, 2, StandardCharsets.UTF_16LE);
        }
        if (FileSignature.startsWith(bytes, 0xFE, 0xFF)) {
            return lenient(bytes, 2, StandardCharsets.UTF_16BE);
        }
        Charset utf16 = utf16WithoutBom(bytes);
        if (utf16 != null) {
            return lenient(bytes, 0, utf16);
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = strict.decode(ByteBuffer.wrap(bytes));
            return new Decoded(chars.toString(), StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            Charset single = hasWindows1252Holes(bytes) ? StandardCharsets.ISO_8859_1 : WINDOWS_1252;
            return lenient(bytes, 0, single);
        }
    }

    /**
     * Whether a sample from the start of a file looks like binary data rather than text: NUL bytes outside UTF-16,
     * or many control characters.
     */
    static boolean looksBinary(byte[] sample) {
        if (sample.length == 0 || FileSignature.startsWith(sample, 0xEF, 0xBB, 0xBF) || FileSignature.startsWith(sample, 0xFF, 0xFE)
                || FileSignature.startsWith(sample, 0xFE, 0xFF) || utf16WithoutBom(sample) != null) {
            return false;
        }
        int controls = 0;
        for (byte b : sample) {
            int c = b & 0xFF;
            if (c == 0) {
                return true;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
                controls++;
            }
        }
        return controls * 20 > sample.length;
    }

    /** UTF-16 text mostly in Latin script has a zero in every other byte. */
    private static Charset utf16WithoutBom(byte[] bytes) {
        int pairs = Math.min(bytes.length, 4096) / 2;
        if (pairs < 2) {
            return null;
        }
        int zeroEven = 0;
        int zeroOdd = 0;
        for (int i = 0; i < pairs * 2; i += 2) {
            zeroEven += bytes[i] == 0 ? 1 : 0;
            zeroOdd += bytes[i + 1] == 0 ? 1 : 0;
        }
        if (zeroOdd * 10 >= pairs * 4 && zeroEven * 50 <= pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (zeroEven * 10 >= pairs * 4 && zeroOdd * 50 <= pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean hasWindows1252Holes(byte[] bytes) {
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) {
                return true;
            }
        }
        return false;
    }

    private static Decoded lenient(byte[] bytes, int offset, Charset charset) {
        return new Decoded(new String(bytes, offset, bytes.length - offset, charset), charset);
    }

}
