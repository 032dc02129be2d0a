package dev.engram.embed;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** bge-small-en-v1.5 (quantized, 384 dims) in-process through ONNX Runtime; no network, no key. */
@ApplicationScoped
public class LocalEmbedder implements Embedder {

    public static final String MODEL = "bge-small-en-v1.5-q";

    private final EmbedSettings settings;
    private volatile EmbeddingModel model;
    private ExecutorService executor;

    LocalEmbedder(EmbedSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        var segments = texts.stream().map(TextSegment::from).toList();
        var embeddings = loaded().embedAll(segments).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        embeddings.forEach(e -> out.add(e.vector()));
        return out;
    }

    /** bge models retrieve better when a query carries their retrieval instruction. */
    @Override
    public float[] embedQuery(String query) {
        return loaded().embed("Represent this sentence for searching relevant passages: " + query).content().vector();
    }

    /** Loads the model now rather than on the first request (it takes about a second). */
    public void warmUp() {
        loaded().embed("warm up");
    }

    private EmbeddingModel loaded() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    AtomicInteger n = new AtomicInteger();
                    executor = Executors.newFixedThreadPool(Math.max(1, settings.threads()), r -> {
                        Thread t = new Thread(r, "embed-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    model = new BgeSmallOnnxModel(executor, settings.intraOpThreads());
                }
                m = model;
            }
        }
        return m;
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
