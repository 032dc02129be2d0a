package dev.engram.memory;

import java.util.List;

/**
 * Body of {@code POST /api/v1/memories/search}.
 *
 * @param query       what to look for, in words
 * @param k           how many results (default 10, at most 100)
 * @param memoryTypes only these types
 * @param tags        only memories carrying one of these tags
 */
record SearchRequest(String query, Integer k, List<String> memoryTypes, List<String> tags) {
}
