package dev.engram.embed;

import java.util.List;

/** Turns texts into vectors of the configured model; chosen by {@code engram.embed.provider}. */
public interface Embedder {

    /** Provider name used in configuration ({@code local}, {@code openai}). */
    String name();

    /** The model's identifier, stored with every vector. */
    String model();

    /** Vector length. */
    int dimension();

    /** Embeds texts in order; vectors are L2-normalised so cosine similarity is a dot product. */
    List<float[]> embedAll(List<String> texts);

    /** Embeds a search query; models trained with a query instruction override this. */
    default float[] embedQuery(String query) {
        return embedAll(List.of(query)).get(0);
    }
}
