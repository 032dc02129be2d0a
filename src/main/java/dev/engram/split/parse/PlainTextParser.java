package dev.engram.split.parse;

/** Plain text: one section holding the whole text, line ends normalised to LF. */
final class PlainTextParser {

    private PlainTextParser() {
    }

    static ParsedDocument parse(String decoded, SectionCollector out) {
        out.add(trimBlankLines(TextNormalizer.lines(decoded)), null, null);
        return out.finish("text", null);
    }

    /** Removes blank lines at both ends and trailing blanks, keeping the first line's indentation. */
    static String trimBlankLines(String text) {
        String trimmed = text.stripTrailing();
        int start = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\n') {
                start = i + 1;
            } else if (!Character.isWhitespace(c)) {
                break;
            }
        }
        return trimmed.substring(start);
    }
}
