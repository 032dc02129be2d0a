package dev.engram.extract;

import java.util.Map;

/**
 * An entity an extractor found in a chunk: its type, its name as written, attributes (a person's role or e-mail, a
 * task's due date) and where the chunk names it.
 *
 * @param start offset of the first character of the mention in the chunk's text
 * @param end   offset after its last character
 */
public record EntityCandidate(EntityType type, String name, Map<String, Object> attributes, int start, int end) {

    public EntityCandidate {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
