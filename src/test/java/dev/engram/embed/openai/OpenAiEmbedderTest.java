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
        // Other work of the shared test application (graph entities) may embed meanwhile: count this call's requests.
        String mark = "m" + java.util.UUID.randomUUID().toString().replace("-", "");
        List<float[]> vectors = embedder.embedAll(List.of("one " + mark, "two " + mark, "three " + mark,
                "four " + mark, "five " + mark));

        assertThat(fake.embeddingRequestsWith(mark)).as("5 texts in batches of 2").isEqualTo(3);
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
