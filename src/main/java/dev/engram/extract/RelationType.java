package dev.engram.extract;

import java.util.Locale;

/**
 * What an edge of the knowledge graph says. An exclusive type allows one active edge per source at a time: a person
 * works at one organization, so a newer {@code works_at} closes the older one; a person may be a member of many
 * groups, so {@code member_of} edges live side by side. {@code prefers}, {@code interested_in}, {@code skilled_in}
 * and {@code dislikes} come only from the user's profile insights (from their {@code self} person to a topic), never
 * from a document; {@code knows} from both.
 */
public enum RelationType {
    WORKS_AT(true), REPORTS_TO(true), LOCATED_IN(true), LIVES_IN(true), MEMBER_OF(false), MANAGES(false),
    LEADS(false), ASSIGNED_TO(false), PART_OF(false), OWNS(false), USES(false), ATTENDED(false), DECIDED_IN(false),
    ABOUT(false), KNOWS(false), RELATED_TO(false), PREFERS(false), INTERESTED_IN(false), SKILLED_IN(false),
    DISLIKES(false);

    private final boolean exclusive;

    RelationType(boolean exclusive) {
        this.exclusive = exclusive;
    }

    /** True when a source has at most one active edge of this type. */
    public boolean exclusive() {
        return exclusive;
    }

    /** The lower-case name used in the API and the database ({@code works_at}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code name} (any case), or null when no type has that name. */
    public static RelationType fromWire(String name) {
        for (RelationType t : values()) {
            if (t.wireName().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
