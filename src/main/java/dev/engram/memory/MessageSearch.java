package dev.engram.memory;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The short tier of search: a user's chat messages that still have their content and an embedding, ranked like
 * memories (reciprocal rank fusion of cosine and full-text ranks) and weighed down by age. Memory owns this contract
 * and chat implements it, so search reaches messages without memory depending on chat.
 */
public interface MessageSearch {

    /**
     * A message found by search.
     *
     * @param score       its fused score already multiplied by {@code 0.5^(age / 7 days)}
     * @param vectorScore cosine similarity to the query, when it ranked by meaning
     * @param textScore   full-text rank, when its words matched
     */
    record Found(UUID id, UUID conversationId, int seq, String role, String content, OffsetDateTime createdAt,
            double score, Double vectorScore, Double textScore) {
    }

    /**
     * Up to {@code k} of the user's messages, best first.
     *
     * @param vector     the query's embedding as a pgvector literal
     * @param text       the query's words
     * @param candidates how many each ranking considers
     * @param rrfK       the fusion's k
     */
    Uni<List<Found>> search(SqlClient db, String userId, String vector, String text, int k, int candidates,
            int rrfK);
}
