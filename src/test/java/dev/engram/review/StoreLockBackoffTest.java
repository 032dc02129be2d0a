package dev.engram.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pause between a chunk's tries at its extraction's lock. */
class StoreLockBackoffTest {

    @Test
    void pausesDoubleFromEightMillisecondsUpToForty() {
        assertThat(PendingMemoryStore.backoffMillis(1)).isEqualTo(8);
        assertThat(PendingMemoryStore.backoffMillis(2)).isEqualTo(16);
        assertThat(PendingMemoryStore.backoffMillis(3)).isEqualTo(32);
        assertThat(PendingMemoryStore.backoffMillis(4)).isEqualTo(40);
    }

    @Test
    void aChunkThatHasTriedManyTimesStillGetsAPause() {
        for (int attempt = 1; attempt <= 1000; attempt++) {
            assertThat(PendingMemoryStore.backoffMillis(attempt)).isBetween(8L, 40L);
        }
    }
}
