package dev.engram.extract.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The learned sentence-type model: multinomial logistic regression over {@link SentenceFeatures}, trained with
 * Tribuo on the minutes set's training projects ({@code make train}) and shipped as plain weights, so the extractor
 * scores a sentence with a few map look-ups and needs no ML library at run time.
 *
 * <p>Resource format ({@value #RESOURCE}), tab-separated: {@code classes task decision none}, then
 * {@code threshold task <p>} and {@code threshold decision <p>} (calibrated so that the training projects, each
 * predicted by a model trained without it, keep about one sentence per labelled one), then one
 * line per feature with its weight for each class; the line {@code <bias>} holds the intercepts.
 */
final class SentenceTypeModel {

    static final String RESOURCE = "/extract/sentence-types.tsv";
    static final int TASK = 0;
    static final int DECISION = 1;

    private final Map<String, double[]> weights;
    private final double[] bias;
    private final double taskThreshold;
    private final double decisionThreshold;

    SentenceTypeModel(Map<String, double[]> weights, double[] bias, double taskThreshold, double decisionThreshold) {
        this.weights = weights;
        this.bias = bias;
        this.taskThreshold = taskThreshold;
        this.decisionThreshold = decisionThreshold;
    }

    /** The model that ships with Engram. */
    static SentenceTypeModel shipped() {
        return Shipped.MODEL;
    }

    /** Loaded on first use, once. */
    private static final class Shipped {
        static final SentenceTypeModel MODEL = load();
    }

    /** Probabilities of task, decision and none for a sentence with these features. */
    double[] probabilities(Set<String> features) {
        double[] z = bias.clone();
        for (String f : features) {
            double[] w = weights.get(f);
            if (w != null) {
                for (int c = 0; c < z.length; c++) {
                    z[c] += w[c];
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
        return z;
    }

    double taskThreshold() {
        return taskThreshold;
    }

    double decisionThreshold() {
        return decisionThreshold;
    }

    private static SentenceTypeModel load() {
        try (InputStream in = SentenceTypeModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sentence-type model " + RESOURCE + " is missing: run make train");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SentenceTypeModel read(BufferedReader reader) throws IOException {
        Map<String, double[]> weights = new HashMap<>();
        double[] bias = null;
        double task = Double.NaN;
        double decision = Double.NaN;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            switch (parts[0]) {
                case "classes" -> {
                    if (!(parts.length == 4 && parts[1].equals("task") && parts[2].equals("decision")
                            && parts[3].equals("none"))) {
                        throw new IllegalStateException("unexpected classes line: " + line);
                    }
                }
                case "threshold" -> {
                    if (parts[1].equals("task")) {
                        task = Double.parseDouble(parts[2]);
                    } else {
                        decision = Double.parseDouble(parts[2]);
                    }
                }
                default -> {
                    double[] w = {Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), Double.parseDouble(parts[3])};
                    if (parts[0].equals("<bias>")) {
                        bias = w;
                    } else {
                        weights.put(parts[0], w);
                    }
                }
            }
        }
        if (bias == null || Double.isNaN(task) || Double.isNaN(decision)) {
            throw new IllegalStateException("the sentence-type model lacks its intercepts or thresholds");
        }
        return new SentenceTypeModel(weights, bias, task, decision);
    }
}
