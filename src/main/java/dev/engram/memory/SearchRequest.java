package dev.engram.memory;

import java.util.List;

/**
 * Body of {@code POST /api/v1/memories/search}.
 *
 * @param query       what to look for, in words
 * @param k           how many results (default 10, at most 100)
 * @param memoryTypes only these types
 * @param tags        only memories carrying one of these tags
 * @param tiers       {@code short}, {@code medium}, {@code long}: with {@code short} the results also hold the
 *                    caller's chat messages that still have their content; memories (the medium and long tiers) are
 *                    searched either way
 */
record SearchRequest(String query, Integer k, List<String> memoryTypes, List<String> tags, List<String> tiers) {
}
