package dev.engram.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a flush writes: valid EMF documents with deltas since the last flush, samples for timers, nothing twice. */
class EmfOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EmfMeterRegistry registry = new EmfMeterRegistry(Clock.SYSTEM);
    private final List<String> lines = new ArrayList<>();
    private final MetricsFlush flush = new MetricsFlush(registry, settings(true), lines::add);

    @Test
    void counterIncrementsAreWrittenAsDeltasWithTagsAsDimensionsAndATotal() throws Exception {
        registry.counter("engram.tasks.finished", "state", "completed").increment(2);
        flush.flush();
        registry.counter("engram.tasks.finished", "state", "completed").increment();
        flush.flush();

        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        JsonNode directive = first.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("Engram/test");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"state\"],[]]");
        assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo("engram.tasks.finished");
        assertThat(directive.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Count");
        assertThat(first.path("state").asText()).isEqualTo("completed");
        assertThat(first.path("engram.tasks.finished").asDouble()).isEqualTo(2.0);
        assertThat(first.path("function").asText()).isEqualTo("engram-process");
        assertThat(first.path("_aws").path("Timestamp").asLong()).isPositive();
        assertThat(JSON.readTree(lines.get(1)).path("engram.tasks.finished").asDouble()).isEqualTo(1.0);
    }

    @Test
    void timerSamplesAreWrittenOnceInMilliseconds() throws Exception {
        Timer timer = registry.timer("engram.chunks.processing");
        timer.record(Duration.ofMillis(120));
        timer.record(Duration.ofMillis(80));
        flush.flush();
        flush.flush();

        assertThat(lines).hasSize(1);
        JsonNode doc = JSON.readTree(lines.get(0));
        assertThat(doc.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString()).isEqualTo("[[]]");
        assertThat(doc.path("engram.chunks.processing").toString()).isEqualTo("[120.0,80.0]");
    }

    @Test
    void moreThanAHundredSamplesAreSplitAcrossDocuments() throws Exception {
        Timer timer = registry.timer("engram.llm.requests");
        for (int i = 0; i < 250; i++) {
            timer.record(Duration.ofMillis(i));
        }
        flush.flush();

        assertThat(lines).hasSize(3);
        int total = 0;
        for (String line : lines) {
            total += JSON.readTree(line).path("engram.llm.requests").size();
        }
        assertThat(total).isEqualTo(250);
    }

    @Test
    void nothingIsWrittenWhenEmfIsOff() {
        MetricsFlush off = new MetricsFlush(registry, settings(false), lines::add);
        registry.counter("engram.tasks.queued").increment();
        off.flush();
        assertThat(lines).isEmpty();
    }

    @Test
    void emfIsOnInLambdaUnlessConfiguredOff() {
        assertThat(settings(null, Optional.of("engram-api")).active()).isTrue();
        assertThat(settings(null, Optional.empty()).active()).isFalse();
        assertThat(settings(false, Optional.of("engram-api")).active()).isFalse();
    }

    @Test
    void documentsWithManyMetricsStayWithinTheHundredMetricLimit() {
        List<EmfMeterRegistry.Datum> data = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            data.add(new EmfMeterRegistry.Datum("engram.m" + i + ".count", Map.of(), "Count", List.of(1.0)));
        }
        assertThat(EmfDocuments.render("Engram", 1L, data, Map.of())).hasSize(2);
    }

    private static EmfSettings settings(boolean enabled) {
        return settings(enabled, Optional.of("engram-process"));
    }

    private static EmfSettings settings(Boolean enabled, Optional<String> function) {
        return new EmfSettings() {
            @Override
            public Optional<Boolean> enabled() {
                return Optional.ofNullable(enabled);
            }

            @Override
            public Optional<String> functionName() {
                return function;
            }

            @Override
            public String namespace() {
                return "Engram/test";
            }

            @Override
            public String meterPrefix() {
                return "engram.";
            }
        };
    }
}
