package dev.engram.extract;

import java.util.Locale;

/** What a node of the knowledge graph is. Decision and task nodes are the memories of those types. */
public enum EntityType {
    PERSON, ORGANIZATION, PROJECT, PLACE, PRODUCT, EVENT, DECISION, TASK;

    /** The lower-case name used in the API and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code name} (any case), or null when no type has that name. */
    public static EntityType fromWire(String name) {
        for (EntityType t : values()) {
            if (t.wireName().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
