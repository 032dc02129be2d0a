package dev.engram.testing;

import java.util.Random;

/** Embeddings for tests that store memories without the model. */
public final class TestVectors {

    private TestVectors() {
    }

    /** A random unit vector of the local model's 384 dimensions: two of them are all but orthogonal. */
    public static float[] unit(Random random) {
        float[] v = new float[384];
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) random.nextGaussian();
            norm += v[d] * v[d];
        }
        for (int d = 0; d < v.length; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
