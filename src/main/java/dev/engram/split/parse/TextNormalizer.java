package dev.engram.split.parse;

/** Normalises extracted text: LF line ends, no control characters, no trailing blanks, at most one blank line. */
final class TextNormalizer {

    private TextNormalizer() {
    }

    /** LF line ends and no control characters other than tab and line feed; everything else kept as it is. */
    static String lines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\u000B' || c == '\u000C' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                out.append('\n');
            } else if (c == '\t' || c == '\n' || !isControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@link #lines} plus: trailing blanks of each line removed, runs of blank lines collapsed to one, and leading
     * and trailing blank lines removed.
     */
    static String tidy(String text) {
        String[] lines = lines(text).split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        int blankRun = 0;
        for (String line : lines) {
            String trimmed = line.stripTrailing();
            if (trimmed.isBlank()) {
                blankRun++;
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blankRun > 0 ? "\n\n" : "\n");
            }
            blankRun = 0;
            out.append(trimmed);
        }
        return out.toString();
    }

    /** Text in one line: line breaks and tabs become single spaces. */
    static String oneLine(String text) {
        return lines(text).replaceAll("[\\s\\u00A0]+", " ").strip();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF';
    }
}
