package dev.engram.extract.rules;

import dev.engram.extract.MemoryType;
import java.util.List;

/** The rules for one memory type. Implementations are stateless and shared between threads. */
interface Rule {

    /** The type this rule proposes. */
    MemoryType type();

    /** Proposals for {@code chunk}, in source order. */
    List<Draft> apply(Chunk chunk);
}
