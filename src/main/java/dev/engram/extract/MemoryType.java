package dev.engram.extract;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The kinds of memory Engram extracts; the wire name is the lower-case constant name. */
public enum MemoryType {
    DECISION, TASK, INSIGHT, CONTACT, DATE, TOPIC, SENTIMENT;

    /** The name used in the API and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; throws IllegalArgumentException naming the accepted values otherwise. */
    public static MemoryType fromWire(String value) {
        if (value != null) {
            for (MemoryType t : values()) {
                if (t.wireName().equalsIgnoreCase(value.trim())) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown memory type '" + value + "'; expected one of "
                + Arrays.stream(values()).map(MemoryType::wireName).toList() + " or all");
    }

    /** Resolves a requested list ("all", null or empty mean every type). */
    public static Set<MemoryType> parseSelection(Iterable<String> requested) {
        if (requested == null) {
            return EnumSet.allOf(MemoryType.class);
        }
        EnumSet<MemoryType> out = EnumSet.noneOf(MemoryType.class);
        for (String r : requested) {
            if (r != null && r.trim().equalsIgnoreCase("all")) {
                return EnumSet.allOf(MemoryType.class);
            }
            out.add(fromWire(r));
        }
        return out.isEmpty() ? EnumSet.allOf(MemoryType.class) : out;
    }
}
