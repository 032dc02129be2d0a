package dev.engram.extract.llm;

import java.util.List;

/**
 * What the {@code openai} graph provider answers, by JSON schema. Dates are strings so that one unreadable date drops
 * its relationship rather than the whole answer.
 *
 * @param entities      the entities the passage names
 * @param relationships the relationships it states between them
 */
public record GraphAnswer(List<Entity> entities, List<Relationship> relationships) {

    /**
     * One entity.
     *
     * @param name      as the passage writes it
     * @param type      person, organization, project, place, product or event
     * @param aliases   other names the passage uses for it
     * @param charStart offset of its first mention in the passage
     */
    public record Entity(String name, String type, List<String> aliases, Integer charStart) {
    }

    /**
     * One relationship.
     *
     * @param source    an entity's name from {@code entities}
     * @param target    another entity's name from {@code entities}
     * @param type      works_at, reports_to, located_in, lives_in, member_of, manages, leads, part_of, owns, uses,
     *                  attended, about, knows or related_to
     * @param fact      the passage's sentence that states it, copied
     * @param validFrom YYYY-MM-DD when the passage says since when it holds
     * @param validTo   YYYY-MM-DD when the passage says until when it held
     * @param negated   true when the passage says it no longer holds (or never did)
     * @param charStart offset of the fact in the passage
     */
    public record Relationship(String source, String target, String type, String fact, String validFrom,
            String validTo, Boolean negated, Integer charStart) {
    }
}
