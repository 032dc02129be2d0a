package dev.engram.split;

/**
 * Estimates WordPiece/BPE token counts without a vocabulary: letters and digits form words (long words split into
 * several pieces), every other non-space character is a token of its own. Errs on the high side, so chunks fit.
 */
public final class TokenEstimator {

    private TokenEstimator() {
    }

    public static int estimate(CharSequence text) {
        return estimate(text, 0, text.length());
    }

    public static int estimate(CharSequence text, int from, int to) {
        int tokens = 0;
        int wordLength = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                wordLength++;
                continue;
            }
            tokens += pieces(wordLength);
            wordLength = 0;
            if (!Character.isWhitespace(c)) {
                tokens++;
            }
        }
        return tokens + pieces(wordLength);
    }

    private static int pieces(int wordLength) {
        if (wordLength == 0) {
            return 0;
        }
        return wordLength <= 7 ? 1 : 1 + (wordLength - 4) / 5;
    }
}
