package dev.engram.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.engram.embed.Embedder;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The same bge-small-en-v1.5 (quantized) model and tokenizer as Engram's local embedder, with ONNX Runtime's
 * intra-op thread count set explicitly, to compare thread layouts in the same run.
 */
final class TunedOnnxEmbedder implements Embedder {

    private final Model model;
    private final String label;

    /**
     * @param intraOpThreads ONNX Runtime intra-op threads per run (0: its default, one per core)
     * @param executor       where a multi-text call fans out; {@code Runnable::run} embeds on the caller's thread
     */
    TunedOnnxEmbedder(int intraOpThreads, Executor executor, String label) {
        this.model = new Model(encoder(intraOpThreads), executor);
        this.label = label;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String model() {
        return "bge-small-en-v1.5-q";
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public String toString() {
        return label;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        var embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        embeddings.forEach(e -> out.add(e.vector()));
        return out;
    }

    /**
     * LangChain4j's own in-process embedding model on this encoder: the peer's model with its intra-op threads set
     * through LangChain4j's public constructors, as its documentation shows for custom ONNX sessions.
     */
    static AbstractInProcessEmbeddingModel langchain4jModel(int intraOpThreads, Executor executor) {
        return new Model(encoder(intraOpThreads), executor);
    }

    private static OnnxBertBiEncoder encoder(int intraOpThreads) {
        ClassLoader loader = TunedOnnxEmbedder.class.getClassLoader();
        try (InputStream onnx = loader.getResourceAsStream("bge-small-en-v1.5-q.onnx");
                InputStream tokenizer = loader.getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json")) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            OrtSession session = env.createSession(onnx.readAllBytes(), options);
            return new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder, Executor executor) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }
}
