package dev.engram.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.review.DuplicatePolicy;
import dev.engram.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batched embedding path against the library's one-text-per-run path, in the application (the tokenizer's native
 * library can load only once per JVM, so this runs inside Quarkus rather than as a plain unit test). The quantized
 * model quantizes activations per run, so padding shifts a vector slightly (cosine above 0.99, about 0.996 seen);
 * a text alone in its run comes out identical.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class LocalEmbedderTest {

    @Inject
    LocalEmbedder embedder;

    @Test
    void paddedBatchesAgreeWithOneRunPerText() {
        List<String> texts = new ArrayList<>(List.of(
                "Sarah to prepare market research by Feb 1.",
                "Decided to expand to European market in Q2.",
                "Revenue up 15% compared to last quarter.",
                "ok",
                "The quarterly review covered hiring, the roadmap for the mobile app, the migration of billing to "
                        + "the new provider and a long discussion about support response times in Europe."));
        for (int i = 0; i < 30; i++) {
            texts.add("Action item " + i + ": someone to follow up on topic number " + i + " before the release.");
        }
        texts.add("word ".repeat(700));

        List<float[]> batched = embedder.embedAll(texts);

        assertThat(batched).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embedder.embedUnbatched(texts.get(i));
            assertThat(batched.get(i)).hasSize(384);
            assertThat(DuplicatePolicy.cosine(batched.get(i), single)).as(texts.get(i)).isGreaterThan(0.99);
        }
    }
}
