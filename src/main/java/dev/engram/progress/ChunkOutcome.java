package dev.engram.progress;

import java.util.Locale;

/** What a chunk's marker in the job table records ({@code outcome}), by its wire name. */
enum ChunkOutcome {
    /** Processed and counted in {@code chunks_done}. */
    DONE,
    /** Failed for good and counted in {@code chunks_failed}, with its reason. */
    FAILED;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether an item's {@code outcome} attribute (null when absent) is this one. */
    boolean is(String stored) {
        return wire().equals(stored);
    }
}
