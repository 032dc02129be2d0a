package dev.engram.memory;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One search result.
 *
 * @param memory      the memory
 * @param score       fused score (reciprocal rank fusion of the two rankings)
 * @param vectorScore cosine similarity to the query, when it ranked by meaning
 * @param textScore   full-text rank, when its words matched
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SearchHit(MemoryView memory, double score, Double vectorScore, Double textScore) {
}
