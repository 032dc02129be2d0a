package dev.engram.profile;

import dev.engram.platform.persistence.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code insight_evidence} table's only owner; every statement is scoped by the owner's user id. */
@ApplicationScoped
class InsightEvidenceRepository {

    /** Records evidence once per (insight, message, kind); a repeat changes nothing and answers false. */
    Uni<Boolean> add(SqlClient db, String userId, UUID insightId, UserStatement from, String text, String kind,
            double delta) {
        return db.preparedQuery("INSERT INTO insight_evidence (id, user_id, insight_id, message_id, conversation_id, "
                + "seq, supporting_text, kind, delta) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                + "ON CONFLICT (insight_id, message_id, kind) DO NOTHING")
                .execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), userId, insightId, from.messageId(),
                        from.conversationId(), from.seq(), text, kind, (float) delta)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The insights this message evidenced. */
    Uni<List<UUID>> insightsOfMessage(SqlClient db, String userId, UUID messageId) {
        return db.preparedQuery("SELECT DISTINCT insight_id FROM insight_evidence WHERE user_id = $1 "
                + "AND message_id = $2").execute(Tuple.of(userId, messageId))
                .map(rows -> Rows.list(rows, r -> r.getUUID("insight_id")));
    }

    /** The insights whose every piece of evidence is in the conversation. */
    Uni<List<UUID>> insightsOnlyOf(SqlClient db, String userId, UUID conversationId) {
        return db.preparedQuery("SELECT insight_id FROM insight_evidence WHERE user_id = $1 AND insight_id IN "
                + "(SELECT insight_id FROM insight_evidence WHERE user_id = $1 AND conversation_id = $2) "
                + "GROUP BY insight_id HAVING bool_and(conversation_id = $2)")
                .execute(Tuple.of(userId, conversationId)).map(rows -> Rows.list(rows, r -> r.getUUID("insight_id")));
    }

    /** The evidence of each insight, oldest first. */
    Uni<Map<UUID, List<Evidence>>> of(SqlClient db, String userId, List<UUID> insightIds) {
        return db.preparedQuery("SELECT insight_id, message_id, conversation_id, seq, supporting_text, kind, delta, "
                + "created_at FROM insight_evidence WHERE user_id = $1 AND insight_id = ANY($2) "
                + "ORDER BY created_at, seq")
                .execute(Tuple.of(userId, insightIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, List<Evidence>> out = new HashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getUUID("insight_id"), k -> new ArrayList<>())
                            .add(new Evidence(r.getUUID("message_id"), r.getUUID("conversation_id"),
                                    r.getInteger("seq"), r.getString("supporting_text"), r.getString("kind"),
                                    Math.round(((Number) r.getValue("delta")).doubleValue() * 100) / 100.0,
                                    r.getOffsetDateTime("created_at"))));
                    return out;
                });
    }
}
