package dev.engram.extract.rules;

import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;

/**
 * The OpenNLP sentence detector, tokenizer and part-of-speech tagger for one extraction call.
 *
 * <p>The {@code *ME} classes keep per-call state and are not thread-safe, so a session belongs to one thread and
 * serves its calls one after another; the models themselves are shared ({@link NlpModels}).
 */
final class NlpSession {

    private final SentenceDetectorME sentences = new SentenceDetectorME(NlpModels.sentences());
    private final TokenizerME tokenizer = new TokenizerME(NlpModels.tokens());
    private final POSTaggerME tagger = new POSTaggerME(NlpModels.pos());

    /** Sentence spans within {@code text}. */
    Span[] sentenceSpans(String text) {
        return sentences.sentPosDetect(text);
    }

    /**
     * Token spans within {@code text}. Markdown emphasis is a token of its own: the tokenizer leaves "**Elf" and
     * "Pavlik**" whole, and the tagger then reads the name as punctuation.
     */
    Span[] tokenSpans(String text) {
        Span[] spans = tokenizer.tokenizePos(text);
        java.util.List<Span> out = new java.util.ArrayList<>(spans.length);
        for (Span span : spans) {
            int start = span.getStart();
            int end = span.getEnd();
            int from = start;
            while (from < end && isEmphasis(text.charAt(from))) {
                from++;
            }
            int to = end;
            while (to > from && isEmphasis(text.charAt(to - 1))) {
                to--;
            }
            if (from == end || from == start && to == end) {
                out.add(span);
                continue;
            }
            if (from > start) {
                out.add(new Span(start, from));
            }
            out.add(new Span(from, to));
            if (to < end) {
                out.add(new Span(to, end));
            }
        }
        return out.size() == spans.length ? spans : out.toArray(Span[]::new);
    }

    private static boolean isEmphasis(char c) {
        return c == '*' || c == '_';
    }

    /** Universal Dependencies part-of-speech tags (NOUN, PROPN, VERB, ADJ, ...) for {@code tokens}. */
    String[] tag(String[] tokens) {
        return tokens.length == 0 ? new String[0] : tagger.tag(tokens);
    }
}
