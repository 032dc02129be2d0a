package dev.engram.extract.rules;

import dev.engram.extract.ExtractionException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Properties;
import opennlp.tools.postag.POSModel;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * The English OpenNLP models, loaded once from the {@code opennlp-models-*-en} jars on the classpath.
 *
 * <p>Each of those jars carries a {@code model.properties} at its root whose {@code model.name} names the model file
 * next to it, so the file is found by kind ({@code -sentence-}, {@code -tokens-}, {@code -pos-}) rather than by a
 * version-stamped name. Models are immutable and thread-safe; the {@code *ME} classes built on them are not, so
 * callers create those per call ({@link NlpSession}).
 */
final class NlpModels {

    private static final String FALLBACK_VERSION = "1.3-2.5.4";

    private NlpModels() {
    }

    /** Lazy holder: the JVM initialises it once, on first use, under its class-init lock. */
    private static final class Holder {
        static final SentenceModel SENTENCES = load("sentence", SentenceModel::new);
        static final TokenizerModel TOKENS = load("tokens", TokenizerModel::new);
        static final POSModel POS = load("pos", POSModel::new);
    }

    static SentenceModel sentences() {
        return Holder.SENTENCES;
    }

    static TokenizerModel tokens() {
        return Holder.TOKENS;
    }

    static POSModel pos() {
        return Holder.POS;
    }

    private interface ModelReader<M> {
        M read(InputStream in) throws IOException;
    }

    private static <M> M load(String kind, ModelReader<M> reader) {
        String resource = findModelResource(kind);
        ClassLoader loader = NlpModels.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ExtractionException("the OpenNLP " + kind + " model '" + resource
                        + "' is not on the classpath; add org.apache.opennlp:opennlp-models-*-en", true);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new ExtractionException("the OpenNLP " + kind + " model could not be read", true, e);
        }
    }

    private static String findModelResource(String kind) {
        String marker = "-" + kind + "-";
        try {
            Enumeration<URL> descriptors = NlpModels.class.getClassLoader().getResources("model.properties");
            while (descriptors.hasMoreElements()) {
                Properties props = new Properties();
                try (InputStream in = descriptors.nextElement().openStream()) {
                    props.load(in);
                }
                String name = props.getProperty("model.name", "");
                if ("en".equals(props.getProperty("model.language")) && name.contains(marker)) {
                    return name;
                }
            }
        } catch (IOException e) {
            // fall through to the name the pinned model jars use
        }
        return "opennlp-en-ud-ewt-" + kind + "-" + FALLBACK_VERSION + ".bin";
    }
}
