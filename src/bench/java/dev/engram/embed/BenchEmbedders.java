package dev.engram.embed;

import java.util.List;

/** Builds the production embedders outside the container, so the benchmarks measure the very code Engram runs. */
public final class BenchEmbedders {

    private BenchEmbedders() {
    }

    /** Engram's {@link LocalEmbedder} with {@code threads} embedding threads ({@code engram.embed.threads}). */
    public static LocalEmbedder local(int threads) {
        return new LocalEmbedder(settings(threads));
    }

    /** The {@link ActiveEmbedder} the store path reads the model name from. */
    public static ActiveEmbedder active(Embedder embedder) {
        return new ActiveEmbedder(List.of(embedder), settings(2));
    }

    private static EmbedSettings settings(int threads) {
        return new EmbedSettings() {
            @Override
            public String provider() {
                return "local";
            }

            @Override
            public int dimension() {
                return 384;
            }

            @Override
            public int threads() {
                return threads;
            }

            // engram.embed.intra-op-threads: the shipped default
            public int intraOpThreads() {
                return 1;
            }

            // The ceiling runs alone: no API to keep responsive.
            public int nice() {
                return 0;
            }
        };
    }
}
