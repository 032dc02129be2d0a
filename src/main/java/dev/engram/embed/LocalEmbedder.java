package dev.engram.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import dev.engram.platform.os.ThreadNice;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** bge-small-en-v1.5 (quantized, 384 dims) in-process through ONNX Runtime; no network, no key. */
@ApplicationScoped
public class LocalEmbedder implements Embedder {

    public static final String MODEL = "bge-small-en-v1.5-q";

    private final EmbedSettings settings;
    /** Texts per padded ONNX run, sorted by length: 8 beat 4, 16 and 32 by 3 to 15% on the bench corpus. */
    private static final int BATCH = 8;

    private volatile BgeSmallOnnxModel model;
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

    /**
     * Embeds texts in padded batches of similar length, the batches spread over the embedding threads; a text longer
     * than the model's window takes the library's path (split and averaged).
     */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        BgeSmallOnnxModel m = loaded();
        List<Encoding> encodings = texts.stream().map(m::tokens).toList();
        float[][] out = new float[texts.size()][];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (encodings.get(i).getIds().length <= BgeSmallOnnxModel.MAX_TOKENS) {
                order.add(i);
            } else {
                out[i] = m.embed(texts.get(i)).content().vector();
            }
        }
        order.sort(Comparator.comparingInt(i -> encodings.get(i).getIds().length));
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += BATCH) {
            List<Integer> slice = order.subList(from, Math.min(order.size(), from + BATCH));
            Runnable run = () -> {
                List<float[]> vectors = m.embedBatch(slice.stream().map(encodings::get).toList());
                for (int k = 0; k < slice.size(); k++) {
                    out[slice.get(k)] = vectors.get(k);
                }
            };
            batches.add(order.size() <= BATCH ? CompletableFuture.completedFuture(null).thenRun(run)
                    : CompletableFuture.runAsync(run, executor));
        }
        CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).join();
        return List.of(out);
    }

    /** One text through the library's own path (one ONNX run); the batched path must agree with it. */
    float[] embedUnbatched(String text) {
        return loaded().embed(text).content().vector();
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

    private BgeSmallOnnxModel loaded() {
        BgeSmallOnnxModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    AtomicInteger n = new AtomicInteger();
                    int nice = settings.nice();
                    executor = Executors.newFixedThreadPool(Math.max(1, settings.threads()), r -> {
                        Thread t = new Thread(() -> {
                            ThreadNice.lowerCurrentThread(nice);
                            r.run();
                        }, "embed-" + n.incrementAndGet());
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
