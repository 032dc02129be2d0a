package dev.engram.review;

import dev.engram.embed.Similarity;
import dev.engram.extract.MemoryType;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * When two memories say the same thing. Similar wording alone is not enough: tasks that differ only in assignee or
 * due date are different tasks, so the type and its key metadata must agree, and then the cosine similarity of
 * their embeddings must reach the threshold.
 */
public final class DuplicatePolicy {

    private static final Map<MemoryType, List<String>> KEYS = Map.of(
            MemoryType.TASK, List.of("assignee", "due_date"),
            MemoryType.DECISION, List.of("lead", "timeline"),
            MemoryType.INSIGHT, List.of("metric", "change", "value"),
            MemoryType.CONTACT, List.of("name", "emails", "phone"),
            MemoryType.DATE, List.of("date"),
            MemoryType.TOPIC, List.of("topic"),
            MemoryType.SENTIMENT, List.of("sentiment"));

    private final double threshold;

    public DuplicatePolicy(double threshold) {
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    /** Whether {@code b} duplicates {@code a}. */
    public boolean duplicates(MemoryType typeA, Map<String, ?> metaA, float[] vecA,
            MemoryType typeB, Map<String, ?> metaB, float[] vecB) {
        return typeA == typeB && keyMetadataAgrees(typeA, metaA, metaB) && cosine(vecA, vecB) >= threshold;
    }

    /** Whether the type's key metadata agree: equal values, or absent on both sides. */
    public static boolean keyMetadataAgrees(MemoryType type, Map<String, ?> a, Map<String, ?> b) {
        for (String key : KEYS.getOrDefault(type, List.of())) {
            if (!Objects.equals(normalise(a.get(key)), normalise(b.get(key)))) {
                return false;
            }
        }
        return true;
    }

    /** Cosine similarity; 0 when either vector is missing. */
    public static double cosine(float[] a, float[] b) {
        return Similarity.cosine(a, b);
    }

    private static Object normalise(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(DuplicatePolicy::normalise).sorted((x, y) -> String.valueOf(x)
                    .compareTo(String.valueOf(y))).toList();
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        return s.isEmpty() ? null : s;
    }
}
