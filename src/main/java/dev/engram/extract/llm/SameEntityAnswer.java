package dev.engram.extract.llm;

import java.util.List;

/**
 * What the {@code openai} graph provider's judge answers, by JSON schema.
 *
 * @param same the numbers (from 1) of the lines whose two names name the same thing
 */
public record SameEntityAnswer(List<Integer> same) {
}
