package dev.engram.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Repeated measurements of one figure: the median is the figure, the minimum and maximum show how much the host's
 * noise moved it. A goal holds only when the median meets it.
 */
record Spread(double median, double min, double max, List<Double> values) {

    static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurement");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), List.copyOf(values));
    }

    int runs() {
        return values.size();
    }

    /** "min 1.11, max 1.44 over 3 runs", the way the table's detail column shows it. */
    String range(String format) {
        return String.format(Locale.ROOT, "min " + format + ", max " + format + " over %d runs", min, max, runs());
    }
}
