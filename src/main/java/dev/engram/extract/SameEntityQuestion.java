package dev.engram.extract;

/**
 * Whether two names of one type name the same thing ("Acme Robotics" and "Acme Automation"): asked of a graph
 * provider that can judge, for the pairs that embeddings find close and spelling does not settle.
 *
 * @param type   the type both entities have
 * @param first  one name as written
 * @param second the other
 */
public record SameEntityQuestion(EntityType type, String first, String second) {
}
