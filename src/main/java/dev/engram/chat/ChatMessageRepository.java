package dev.engram.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.memory.MessageSearch;
import dev.engram.platform.persistence.HybridRanking;
import dev.engram.platform.persistence.PgVectors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code chat_messages} table's only owner; every statement is scoped by the owner's user id. */
@ApplicationScoped
class ChatMessageRepository {

    private static final String COLUMNS = "id, seq, role, content, metadata::text AS metadata, client_message_id, "
            + "importance_score, processing, skip_reason, processing_error, task_id, created_at";

    private final ObjectMapper json;

    ChatMessageRepository(ObjectMapper json) {
        this.json = json;
    }

    /** A message to insert, its seq already assigned. */
    record NewRow(UUID id, int seq, String role, String content, JsonNode metadata, String clientMessageId,
            OffsetDateTime createdAt) {
    }

    Uni<Void> insertAll(SqlClient db, String userId, UUID conversationId, String taskId, List<NewRow> rows) {
        List<Tuple> batch = rows.stream().map(r -> Tuple.tuple(Arrays.asList(r.id(), userId, conversationId, r.seq(),
                r.role(), r.content(), r.metadata() == null ? "{}" : r.metadata().toString(), r.clientMessageId(),
                taskId, r.createdAt()))).toList();
        return db.preparedQuery("INSERT INTO chat_messages (id, user_id, conversation_id, seq, role, content, "
                + "metadata, client_message_id, task_id, created_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10)")
                .executeBatch(batch).replaceWithVoid();
    }

    /** The conversation's messages carrying one of {@code clientIds}, in seq order. */
    Uni<List<ChatMessage>> byClientIds(SqlClient db, String userId, UUID conversationId, List<String> clientIds) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM chat_messages WHERE user_id = $1 "
                + "AND conversation_id = $2 AND client_message_id = ANY($3) ORDER BY seq")
                .execute(Tuple.of(userId, conversationId, clientIds.toArray(String[]::new))).map(this::all);
    }

    /** When the conversation's newest message was written, if it has one. */
    Uni<OffsetDateTime> lastCreatedAt(SqlClient db, String userId, UUID conversationId) {
        return db.preparedQuery("SELECT max(created_at) AS last FROM chat_messages WHERE user_id = $1 "
                + "AND conversation_id = $2")
                .execute(Tuple.of(userId, conversationId))
                .map(rows -> rows.iterator().next().getOffsetDateTime("last"));
    }

    /** Messages after {@code afterSeq}, oldest first. */
    Uni<List<ChatMessage>> page(SqlClient db, String userId, UUID conversationId, int afterSeq, int limit) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM chat_messages WHERE user_id = $1 "
                + "AND conversation_id = $2 AND seq > $3 ORDER BY seq LIMIT $4")
                .execute(Tuple.of(userId, conversationId, afterSeq, limit)).map(this::all);
    }

    /** A message's text to embed. */
    record Text(UUID id, String content) {
    }

    /** A user message's seq and its embedding. */
    record SeqVector(int seq, float[] vector) {
    }

    /**
     * The user messages {@code fromSeq} to {@code toSeq} kept for extraction (scored, not skipped) that have content
     * and no embedding yet, in seq order.
     */
    Uni<List<Text>> unembedded(SqlClient db, String userId, UUID conversationId, int fromSeq, int toSeq) {
        return db.preparedQuery("SELECT id, content FROM chat_messages WHERE user_id = $1 AND conversation_id = $2 "
                + "AND seq BETWEEN $3 AND $4 AND role = 'user' AND importance_score IS NOT NULL "
                + "AND skip_reason IS NULL AND content IS NOT NULL AND embedding IS NULL ORDER BY seq")
                .execute(Tuple.of(userId, conversationId, fromSeq, toSeq))
                .map(rows -> {
                    List<Text> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Text(r.getUUID("id"), r.getString("content"))));
                    return out;
                });
    }

    /** Stores each message's embedding unless a delivery before this one stored it. */
    Uni<Void> storeEmbeddings(SqlClient db, String userId, List<Text> texts, List<float[]> vectors) {
        if (texts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            batch.add(Tuple.of(texts.get(i).id(), userId, PgVectors.floats(vectors.get(i))));
        }
        return db.preparedQuery("UPDATE chat_messages SET embedding = $3::real[]::vector WHERE id = $1 "
                + "AND user_id = $2 AND embedding IS NULL").executeBatch(batch).replaceWithVoid();
    }

    /**
     * The embeddings of the conversation's user messages after {@code afterSeq}, in seq order, up to the first message
     * the chat stage has not finished with (not scored yet, or kept and not embedded yet): deliveries run out of
     * order, and what the conversation is about is read from a gapless stretch only.
     */
    Uni<List<SeqVector>> userVectorsAfter(SqlClient db, String userId, UUID conversationId, int afterSeq) {
        return db.preparedQuery("SELECT seq, role, importance_score IS NULL AS unscored, skip_reason, "
                + "embedding::real[] AS v FROM chat_messages WHERE user_id = $1 AND conversation_id = $2 "
                + "AND seq > $3 ORDER BY seq")
                .execute(Tuple.of(userId, conversationId, afterSeq))
                .map(rows -> {
                    List<SeqVector> out = new ArrayList<>();
                    for (Row r : rows) {
                        Float[] boxed = r.getArrayOfFloats("v");
                        boolean kept = "user".equals(r.getString("role")) && r.getString("skip_reason") == null;
                        if (r.getBoolean("unscored") || kept && boxed == null) {
                            break;
                        }
                        if (boxed != null) {
                            float[] v = new float[boxed.length];
                            for (int i = 0; i < v.length; i++) {
                                v[i] = boxed[i];
                            }
                            out.add(new SeqVector(r.getInteger("seq"), v));
                        }
                    }
                    return out;
                });
    }

    /** Messages {@code fromSeq} to {@code toSeq} of a conversation, in seq order. */
    Uni<List<ChatMessage>> range(SqlClient db, String userId, UUID conversationId, int fromSeq, int toSeq) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM chat_messages WHERE user_id = $1 "
                + "AND conversation_id = $2 AND seq BETWEEN $3 AND $4 ORDER BY seq")
                .execute(Tuple.of(userId, conversationId, fromSeq, toSeq)).map(this::all);
    }

    /**
     * Records the chat stage's verdict on a message not yet scored: a skipped one is completed, one to extract from
     * stays pending until its job has finished. A message scored already keeps its first verdict, so a redelivery
     * changes nothing.
     */
    Uni<Void> score(SqlClient db, String userId, List<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = verdicts.stream().map(v -> Tuple.tuple(Arrays.asList(v.id(), userId, v.score(),
                v.skipReason()))).toList();
        return db.preparedQuery("UPDATE chat_messages SET importance_score = $3, skip_reason = $4, "
                + "processing = CASE WHEN $4::text IS NULL THEN processing ELSE 'completed' END "
                + "WHERE id = $1 AND user_id = $2 AND importance_score IS NULL")
                .executeBatch(batch).replaceWithVoid();
    }

    /** The chat stage's verdict on one message. */
    record Verdict(UUID id, double score, String skipReason) {
    }

    /** Settles the job's messages still pending: completed, or failed with {@code error} when it is not null. */
    Uni<Integer> settle(SqlClient db, String userId, String taskId, List<Integer> seqs, String error) {
        return db.preparedQuery("UPDATE chat_messages SET processing = CASE WHEN $4::text IS NULL THEN 'completed' "
                + "ELSE 'failed' END, processing_error = $4 "
                + "WHERE user_id = $1 AND task_id = $2 AND seq = ANY($3) AND processing = 'pending'")
                .execute(Tuple.tuple(Arrays.asList(userId, taskId, seqs.toArray(Integer[]::new), error)))
                .map(RowSet::rowCount);
    }

    /** The job's messages an extraction was asked for (user messages not skipped), in seq order. */
    Uni<List<ChatMessage>> extractedBy(SqlClient db, String userId, String taskId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM chat_messages WHERE user_id = $1 AND task_id = $2 "
                + "AND role = 'user' AND importance_score IS NOT NULL AND skip_reason IS NULL ORDER BY seq")
                .execute(Tuple.of(userId, taskId)).map(this::all);
    }

    /** Fails the messages of a range still pending, with the reason. */
    Uni<Integer> failRange(SqlClient db, String userId, UUID conversationId, int fromSeq, int toSeq, String error) {
        return db.preparedQuery("UPDATE chat_messages SET processing = 'failed', processing_error = $5 "
                + "WHERE user_id = $1 AND conversation_id = $2 AND seq BETWEEN $3 AND $4 AND processing = 'pending'")
                .execute(Tuple.of(userId, conversationId, fromSeq, toSeq, error)).map(RowSet::rowCount);
    }

    /** A message found by id, with its conversation. */
    record Located(ChatMessage message, UUID conversationId) {
    }

    /** The user's message with this id, wherever it is. */
    Uni<Optional<Located>> locate(SqlClient db, String userId, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + ", conversation_id FROM chat_messages WHERE id = $1 "
                + "AND user_id = $2")
                .execute(Tuple.of(id, userId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row r = it.next();
                    return Optional.of(new Located(read(r), r.getUUID("conversation_id")));
                });
    }

    /**
     * Short tier: purges the content (and embedding) of the summarized messages in {@code windows} (summary versions
     * written before the cutoff); rows, seqs, states and the evidence quoting them stay.
     */
    Uni<Integer> purgeSummarizedIn(SqlClient db, List<ConversationSummaryRepository.Window> windows) {
        if (windows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return db.preparedQuery("UPDATE chat_messages m SET content = NULL, embedding = NULL "
                + "FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[]) AS s(conversation_id, user_id, from_seq, "
                + "to_seq) WHERE s.conversation_id = m.conversation_id AND s.user_id = m.user_id "
                + "AND m.seq BETWEEN s.from_seq AND s.to_seq AND m.processed_in_summary AND m.content IS NOT NULL")
                .execute(Tuple.of(windows.stream().map(ConversationSummaryRepository.Window::conversationId)
                        .toArray(UUID[]::new), windows.stream().map(ConversationSummaryRepository.Window::userId)
                        .toArray(String[]::new), windows.stream().map(ConversationSummaryRepository.Window::fromSeq)
                        .toArray(Integer[]::new), windows.stream().map(ConversationSummaryRepository.Window::toSeq)
                        .toArray(Integer[]::new)))
                .map(RowSet::rowCount);
    }

    /** Marks messages {@code fromSeq} to {@code toSeq} as covered by a summary version. */
    Uni<Void> markSummarized(SqlClient db, String userId, UUID conversationId, int fromSeq, int toSeq) {
        return db.preparedQuery("UPDATE chat_messages SET processed_in_summary = true WHERE user_id = $1 "
                + "AND conversation_id = $2 AND seq BETWEEN $3 AND $4")
                .execute(Tuple.of(userId, conversationId, fromSeq, toSeq)).replaceWithVoid();
    }

    private static final String HYBRID = """
            WITH %4$s,
            scope AS (
                SELECT id, content, embedding FROM chat_messages
                WHERE user_id = $1 AND content IS NOT NULL AND embedding IS NOT NULL
            ),
            %5$s,
            fused AS (
                SELECT coalesce(vec.id, txt.id) AS id,
                       coalesce(1.0 / (%2$d + vec.r), 0) + coalesce(1.0 / (%2$d + txt.r), 0) AS rrf,
                       vec.sim AS vec, txt.rank AS txt
                FROM vec FULL OUTER JOIN txt ON vec.id = txt.id
            )
            SELECT m.id, m.conversation_id, m.seq, m.role, m.content, m.created_at, f.vec, f.txt,
                   f.rrf * power(0.5, greatest(0, extract(epoch FROM now() - m.created_at)) / %3$d) AS score
            FROM fused f JOIN chat_messages m ON m.id = f.id AND m.user_id = $1
            ORDER BY score DESC, f.vec DESC NULLS LAST
            LIMIT $4""";

    /**
     * Search's short tier: the user's messages that still have content and an embedding, ranked by the fusion of
     * their cosine and full-text ranks (as memories are) multiplied by {@code 0.5^(age / halfLife)}, best first.
     */
    Uni<List<MessageSearch.Found>> searchHybrid(SqlClient db, String userId, String vector, String text, int k,
            int candidates, int rrfK, Duration halfLife) {
        return db.preparedQuery(HYBRID.formatted(candidates, rrfK, halfLife.toSeconds(),
                HybridRanking.QUERY, HybridRanking.ranks(candidates)))
                .execute(Tuple.of(userId, vector, text, k))
                .map(rows -> {
                    List<MessageSearch.Found> out = new ArrayList<>();
                    for (Row r : rows) {
                        Number vec = (Number) r.getValue("vec");
                        Number txt = (Number) r.getValue("txt");
                        out.add(new MessageSearch.Found(r.getUUID("id"), r.getUUID("conversation_id"),
                                r.getInteger("seq"), r.getString("role"), r.getString("content"),
                                r.getOffsetDateTime("created_at"), ((Number) r.getValue("score")).doubleValue(),
                                vec == null ? null : vec.doubleValue(), txt == null ? null : txt.doubleValue()));
                    }
                    return out;
                });
    }

    private List<ChatMessage> all(RowSet<Row> rows) {
        List<ChatMessage> out = new ArrayList<>();
        rows.forEach(r -> out.add(read(r)));
        return out;
    }

    private ChatMessage read(Row r) {
        Number score = (Number) r.getValue("importance_score");
        return new ChatMessage(r.getUUID("id"), r.getInteger("seq"), r.getString("role"), r.getString("content"),
                parse(r.getString("metadata")), r.getString("client_message_id"),
                score == null ? null : Math.round(score.doubleValue() * 100) / 100.0, r.getString("processing"),
                r.getString("skip_reason"), r.getString("processing_error"), r.getString("task_id"),
                r.getOffsetDateTime("created_at"));
    }

    private JsonNode parse(String text) {
        return StoredJson.tree(json, text);
    }
}
