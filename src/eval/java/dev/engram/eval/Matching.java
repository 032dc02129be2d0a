package dev.engram.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The matching rule of the evaluation: a memory matches a label of the same type when they share at least half the
 * content words of the shorter of the two (the overlap coefficient ≥ 0.5) and at least two of them (one when the
 * label has only one). Measured against the shorter side so that one sentence of a multi-sentence resolution
 * matches it, as does a memory that adds the item it decides on. Labels and memories pair one to one, best overlap
 * first, so one memory never counts for two labels.
 */
public final class Matching {

    static final double THRESHOLD = 0.5;

    private Matching() {
    }

    /** The overlap of two content-word sets, or 0 when they do not meet the rule. */
    public static double score(Set<String> label, Set<String> memory) {
        if (label.isEmpty() || memory.isEmpty()) {
            return 0;
        }
        Set<String> shared = new HashSet<>(label);
        shared.retainAll(memory);
        int min = Math.min(label.size(), memory.size());
        double coefficient = shared.size() / (double) min;
        boolean enough = shared.size() >= Math.min(2, label.size());
        return enough && coefficient >= THRESHOLD ? coefficient : 0;
    }

    /** Pairs (label index, memory index), greedily by overlap. */
    static List<int[]> pair(List<Set<String>> labels, List<Set<String>> memories) {
        List<double[]> candidates = new ArrayList<>();
        for (int l = 0; l < labels.size(); l++) {
            for (int m = 0; m < memories.size(); m++) {
                double s = score(labels.get(l), memories.get(m));
                if (s > 0) {
                    candidates.add(new double[] {s, l, m});
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((double[] c) -> -c[0]).thenComparingDouble(c -> c[1])
                .thenComparingDouble(c -> c[2]));
        boolean[] labelUsed = new boolean[labels.size()];
        boolean[] memoryUsed = new boolean[memories.size()];
        List<int[]> pairs = new ArrayList<>();
        for (double[] c : candidates) {
            int l = (int) c[1];
            int m = (int) c[2];
            if (!labelUsed[l] && !memoryUsed[m]) {
                labelUsed[l] = true;
                memoryUsed[m] = true;
                pairs.add(new int[] {l, m});
            }
        }
        return pairs;
    }
}
