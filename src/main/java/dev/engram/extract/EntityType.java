package dev.engram.extract;

import java.util.Locale;

/**
 * What a node of the knowledge graph is. Decision and task nodes are the memories of those types; a topic is what a
 * profile insight is about ("meetings before 10am"), never read from a document.
 */
public enum EntityType {
    PERSON, ORGANIZATION, PROJECT, PLACE, PRODUCT, EVENT, DECISION, TASK, TOPIC;

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
