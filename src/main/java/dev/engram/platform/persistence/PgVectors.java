package dev.engram.platform.persistence;

import java.util.List;

/**
 * pgvector values as SQL parameters: as text and cast ({@code $1::text::vector}), or, on hot paths, as binary
 * {@code real[]} and cast ({@code $1::real[]::vector}), which neither side has to format or parse.
 */
public final class PgVectors {

    private PgVectors() {
    }

    /** The text form pgvector parses, e.g. {@code [0.1,0.2]}. */
    public static String literal(float[] v) {
        StringBuilder sb = new StringBuilder(v.length * 10).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v[i]);
        }
        return sb.append(']').toString();
    }

    /** One vector as a binary {@code real[]} parameter. */
    public static Float[] floats(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /**
     * Vectors of one dimension end to end, as one binary {@code real[]} parameter: the n-th (from 1) is the slice
     * {@code [(n - 1) * dim + 1 : n * dim]}.
     */
    public static Float[] flat(List<float[]> vectors) {
        int dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
        Float[] out = new Float[vectors.size() * dim];
        int at = 0;
        for (float[] v : vectors) {
            if (v.length != dim) {
                throw new IllegalArgumentException("vectors of " + dim + " and " + v.length + " dimensions");
            }
            for (float x : v) {
                out[at++] = x;
            }
        }
        return out;
    }
}
