package dev.engram.embed.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.llm.FakeOpenAi;
import dev.engram.extract.llm.InjectFakeOpenAi;
import dev.engram.extract.llm.OpenAiTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The openai embedder against the fake provider (batch size 2 in the test profile). */
@QuarkusTest
@TestProfile(OpenAiTestProfile.class)
class OpenAiEmbedderTest {

    @InjectFakeOpenAi
    FakeOpenAi fake;
    @Inject
    OpenAiEmbedder embedder;

    @Test
    void textsAreEmbeddedInBatchesAsNormalisedVectorsOfTheConfiguredDimension() {
        int before = fake.embeddingRequests();
        List<float[]> vectors = embedder.embedAll(List.of("one", "two", "three", "four", "five"));

        assertThat(fake.embeddingRequests() - before).as("5 texts in batches of 2").isEqualTo(3);
        assertThat(vectors).hasSize(5).allSatisfy(v -> {
            assertThat(v).hasSize(384);
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            assertThat(norm).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
        });
        assertThat(embedder.embedAll(List.of())).isEmpty();
    }
}
