package dev.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure rules of merging: when two edges' periods overlap, and which near entity a new one joins. */
class EntityMergerTest {

    private static LocalDate d(String s) {
        return s == null ? null : LocalDate.parse(s);
    }

    @Test
    void periodsOverlapUnlessOneEndsBeforeTheOtherBegins() {
        assertThat(EntityMerger.overlap(d("2020-01-01"), null, d("2021-01-01"), null)).isTrue();
        assertThat(EntityMerger.overlap(null, null, d("2021-01-01"), d("2021-02-01"))).isTrue();
        assertThat(EntityMerger.overlap(d("2020-01-01"), d("2021-01-01"), d("2021-01-01"), null)).isFalse();
        assertThat(EntityMerger.overlap(d("2022-01-01"), null, d("2020-01-01"), d("2021-06-01"))).isFalse();
        assertThat(EntityMerger.overlap(d("2020-01-01"), d("2021-01-02"), d("2021-01-01"), null)).isTrue();
    }

    @Test
    void theClosestQualifyingEntityWinsAndFarNamesAreOnlySuggested() {
        UUID close = UUID.randomUUID();
        UUID closer = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        var merged = EntityResolver.bySimilarity("globex systems", List.of(
                new EntityResolver.Near(close, "globex system", 0.93),
                new EntityResolver.Near(closer, "globex", 0.95),
                new EntityResolver.Near(other, "initrode", 0.85)));
        assertThat(merged.id()).isEqualTo(closer);
        assertThat(merged.method()).isEqualTo(EntityResolver.Method.EMBEDDING);
        assertThat(merged.score()).isEqualTo(0.95);

        var suggested = EntityResolver.bySimilarity("initech", List.of(
                new EntityResolver.Near(other, "initrode", 0.85)));
        assertThat(suggested.id()).isNull();
        assertThat(suggested.suggestions()).containsExactly(other);
        // Between the thresholds, a name close as a string (and sharing most words) merges; a close spelling with
        // words of its own does not.
        assertThat(EntityResolver.bySimilarity("acme robotics labs", List.of(
                new EntityResolver.Near(close, "acme robotics", 0.85))).id()).isEqualTo(close);
        assertThat(EntityResolver.bySimilarity("acme robotic", List.of(
                new EntityResolver.Near(close, "acme robotics", 0.85))).suggestions()).containsExactly(close);
        assertThat(EntityResolver.bySimilarity("acme", List.of(new EntityResolver.Near(close, "acme", 0.79))).id())
                .isNull();
    }
}
