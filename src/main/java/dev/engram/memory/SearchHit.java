package dev.engram.memory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One search result: a memory, or (when the short tier was asked for) a chat message.
 *
 * @param kind        {@code memory} or {@code message}, present when the request asked for the short tier
 * @param memory      the memory, for a memory
 * @param message     the message, for a message
 * @param score       fused score (reciprocal rank fusion of the two rankings; for a message, halved per week of age)
 * @param vectorScore cosine similarity to the query, when it ranked by meaning
 * @param textScore   full-text rank, when its words matched
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SearchHit(String kind, MemoryView memory, MessageHit message, double score, Double vectorScore,
        Double textScore) {

    static SearchHit memory(String kind, MemoryView memory, double score, Double vectorScore, Double textScore) {
        return new SearchHit(kind, memory, null, score, vectorScore, textScore);
    }

    static SearchHit message(MessageSearch.Found m) {
        return new SearchHit("message", null, new MessageHit(m.id(), m.conversationId(), m.seq(), m.role(),
                m.content(), m.createdAt()), m.score(), m.vectorScore(), m.textScore());
    }

    /** A chat message found by search. */
    record MessageHit(UUID id, UUID conversationId, int seq, String role, String content, OffsetDateTime createdAt) {
    }
}
