package dev.engram.embed.openai;

import dev.engram.embed.EmbedSettings;
import dev.engram.embed.Embedder;
import dev.engram.platform.ratelimit.ProviderCallException;
import dev.langchain4j.data.embedding.Embedding;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Embeddings from any OpenAI-compatible endpoint ({@code engram.embed.provider=openai}), in batches of
 * {@code engram.embed.openai.batch-size} texts per request. Vectors are checked against the configured dimension and
 * L2-normalised, so they take the same dedupe and storage path as the local model's.
 */
@ApplicationScoped
public class OpenAiEmbedder implements Embedder {

    private final EmbeddingCalls calls;
    private final EmbeddingLimiter limiter;
    private final OpenAiEmbedSettings settings;
    private final int dimension;

    OpenAiEmbedder(EmbeddingCalls calls, EmbeddingLimiter limiter, OpenAiEmbedSettings settings,
            EmbedSettings embed) {
        this.calls = calls;
        this.limiter = limiter;
        this.settings = settings;
        this.dimension = embed.dimension();
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * @throws IllegalStateException when the provider failed or answered with vectors of the wrong length; the
     *                               chunk being processed is then retried by its queue
     */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        int size = Math.max(1, settings.batchSize());
        for (int from = 0; from < texts.size(); from += size) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + size));
            List<Embedding> vectors = call(batch);
            if (vectors.size() != batch.size()) {
                throw new IllegalStateException(EmbeddingCalls.PROVIDER + " returned " + vectors.size()
                        + " vectors for " + batch.size() + " texts");
            }
            for (Embedding e : vectors) {
                out.add(normalised(e.vector()));
            }
        }
        return out;
    }

    private List<Embedding> call(List<String> batch) {
        try {
            limiter.awaitTurn();
            return calls.embed(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("embedding was interrupted", e);
        } catch (ProviderCallException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (CircuitBreakerOpenException e) {
            throw new IllegalStateException(EmbeddingCalls.PROVIDER
                    + " has been failing; calls are suspended for a while (circuit open)", e);
        } catch (FaultToleranceException e) {
            throw new IllegalStateException(EmbeddingCalls.PROVIDER + " did not answer in time or too often", e);
        }
    }

    private float[] normalised(float[] v) {
        if (v.length != dimension) {
            throw new IllegalStateException("model " + settings.model() + " returned " + v.length
                    + " dimensions, engram.embed.dimension is " + dimension);
        }
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0) {
            return v;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
