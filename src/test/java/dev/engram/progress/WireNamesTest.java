package dev.engram.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The names states, stages and outcomes have in the job table and the API. Stored items, clients and the chaos
 * harness read these strings: renaming a constant must not rename them.
 */
class WireNamesTest {

    @Test
    void jobStatesKeepTheirWireNames() {
        assertThat(Arrays.stream(JobState.values()).map(JobState::wire)).containsExactly("pending", "processing",
                "completed", "completed_with_errors", "failed", "cancelled");
        Arrays.stream(JobState.values()).forEach(s -> assertThat(JobState.fromWire(s.wire())).isSameAs(s));
    }

    @Test
    void jobStagesKeepTheirWireNames() {
        assertThat(Arrays.stream(JobStage.values()).map(JobStage::wire)).containsExactly("queued", "awaiting_upload",
                "splitting", "parsing", "extracting", "done");
        Arrays.stream(JobStage.values()).forEach(s -> assertThat(JobStage.fromWire(s.wire())).isSameAs(s));
    }

    @Test
    void chunkOutcomesKeepTheirWireNames() {
        assertThat(Arrays.stream(ChunkOutcome.values()).map(ChunkOutcome::wire)).containsExactly("done", "failed");
        assertThat(ChunkOutcome.DONE.is("done")).isTrue();
        assertThat(ChunkOutcome.DONE.is(null)).isFalse();
    }

    @Test
    void extractionStatusesKeepTheirWireNames() {
        assertThat(Arrays.stream(ExtractionStatus.values()).map(ExtractionStatus::wire)).containsExactly("processing",
                "pending_review", "auto_saved", "reviewed", "expired");
    }
}
