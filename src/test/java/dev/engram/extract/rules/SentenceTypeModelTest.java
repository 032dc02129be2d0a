package dev.engram.extract.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SentenceTypeModelTest {

    @Test
    void shippedModelLoadsWithCalibratedThresholds() {
        SentenceTypeModel model = SentenceTypeModel.shipped();
        assertThat(model.taskThreshold()).isBetween(0.01, 0.99);
        assertThat(model.decisionThreshold()).isBetween(0.01, 0.99);
    }

    @Test
    void probabilitiesAreASoftmaxOverTheFeaturesPresent() throws Exception {
        SentenceTypeModel model = SentenceTypeModel.read(new BufferedReader(new StringReader("""
                classes\ttask\tdecision\tnone
                threshold\ttask\t0.3
                threshold\tdecision\t0.4
                <bias>\t0\t0\t1
                w:will\t2\t0\t0
                """)));
        double[] withCue = model.probabilities(Set.of("w:will", "unknown"));
        double[] without = model.probabilities(Set.of("unknown"));
        assertThat(withCue[0] + withCue[1] + withCue[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(withCue[SentenceTypeModel.TASK]).isGreaterThan(without[SentenceTypeModel.TASK]);
        assertThat(without[2]).isCloseTo(Math.E / (2 + Math.E), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aModelWithoutThresholdsIsRefused() {
        assertThatThrownBy(() -> SentenceTypeModel.read(new BufferedReader(new StringReader(
                "classes\ttask\tdecision\tnone\n<bias>\t0\t0\t0\n")))).isInstanceOf(IllegalStateException.class);
    }
}
