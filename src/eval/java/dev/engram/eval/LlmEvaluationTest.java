package dev.engram.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.ActiveExtractor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code make eval PROVIDER=openai}: the evaluation projects and the seed examples through the provider Engram is
 * configured with ({@code ENGRAM_EXTRACT_PROVIDER=openai} and the {@code ENGRAM_LLM_*} endpoint, key and model),
 * resolved by the container exactly as the process stage resolves it, so the figures compare with
 * {@code make eval}'s. Writes {@code target/eval/summary-openai.json}; never part of {@code make test}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "eval.provider", matches = ".+")
class LlmEvaluationTest {

    @Inject
    ActiveExtractor active;

    @Test
    void evaluationProjectsThroughTheConfiguredProvider() throws Exception {
        String provider = System.getProperty("eval.provider");
        assertThat(active.get().name()).as("the configured provider").isEqualTo(provider);
        var summary = EvalMain.run(active.get(), List.of("eval", "seed"), "summary-" + provider + ".json", "");
        assertThat(summary.get("splits").get("eval").get("documents").asInt()).isPositive();
    }
}
