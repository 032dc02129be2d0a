package dev.engram.platform.persistence;

/** pgvector values as SQL parameters: sent as text and cast ({@code $1::text::vector}). */
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
}
