package dev.engram.embed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Embedding provider selection and its tuning. */
@ConfigMapping(prefix = "engram.embed")
public interface EmbedSettings {

    /** Provider: {@code local} (bge-small-en-v1.5, in-process) or {@code openai}. */
    @WithDefault("local")
    String provider();

    /** Vector dimension of the configured model; the schema's vector columns follow it. */
    @WithDefault("384")
    int dimension();

    /** Threads the local model embeds on (two threads were fastest on two cores). */
    @WithDefault("2")
    int threads();

    /**
     * ONNX Runtime intra-op threads per embedding run (0: its default, one per core). With several callers embedding
     * at once, one thread per run avoids oversubscribing the cores: on two cores it was within noise of the
     * default on a quiet machine and up to 1.7x faster when other work competed for the CPU (docs/BENCHMARKS.md).
     */
    @WithDefault("1")
    int intraOpThreads();

    /**
     * CPU niceness of the embedding threads (Linux, 0 to 19): 0 on Lambda, where each function has its CPU to
     * itself; the local profile lowers their priority so the API in the same process answers promptly while they
     * keep the cores busy.
     */
    @WithDefault("0")
    int nice();
}
