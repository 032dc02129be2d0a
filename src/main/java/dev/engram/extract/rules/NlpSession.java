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

    /** Token spans within {@code text}. */
    Span[] tokenSpans(String text) {
        return tokenizer.tokenizePos(text);
    }

    /** Universal Dependencies part-of-speech tags (NOUN, PROPN, VERB, ADJ, ...) for {@code tokens}. */
    String[] tag(String[] tokens) {
        return tokens.length == 0 ? new String[0] : tagger.tag(tokens);
    }
}
