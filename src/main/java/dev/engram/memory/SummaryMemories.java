package dev.engram.memory;

import dev.engram.platform.persistence.PgVectors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A conversation's summary memory (type {@code summary}, source {@code chat}): one per conversation, auto-saved, and
 * written in place by each summary version, in the caller's transaction. Its id and content hash follow from the
 * conversation, so a repeated write finds the same row, and two conversations that happen to read alike keep a
 * summary each. A new version restores a summary memory that was deleted: it carries what has been said since.
 */
@ApplicationScoped
public class SummaryMemories {

    /** The memory type of summaries; not an extraction type. */
    public static final String TYPE = "summary";

    private final MemoryRepository repository;

    SummaryMemories(MemoryRepository repository) {
        this.repository = repository;
    }

    /** The summary memory's id for a conversation. */
    public static UUID idOf(String userId, UUID conversationId) {
        return UUID.nameUUIDFromBytes(("summary:" + userId + ":" + conversationId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the summary memory of a conversation.
     *
     * @param metadata JSON object text: what the memory records besides its content (topics, to_seq, version)
     * @return the memory's id
     */
    public Uni<UUID> save(SqlClient db, String userId, UUID conversationId, String title, String content,
            String metadata, float[] embedding, String model) {
        UUID id = idOf(userId, conversationId);
        var row = new MemoryRepository.NewMemory(id, userId, content, title, TYPE, "chat", conversationId.toString(),
                "[\"summary\"]", metadata, 1.0f, PgVectors.literal(embedding), model, null, null, null, null,
                conversationId.toString());
        return repository.insertSaved(db, List.of(row), MemoryRepository.OnConflict.REPLACE_SUMMARY)
                .map(ids -> {
                    if (ids.size() != 1) {
                        throw new IllegalStateException("summary memory " + id + " belongs to another user");
                    }
                    return id;
                });
    }

    /**
     * Medium tier, for every user: soft-deletes summary memories nobody read or updated since {@code cutoff}. A new
     * summary version restores one.
     */
    public Uni<Integer> expireIdle(SqlClient db, java.time.OffsetDateTime cutoff) {
        return repository.expireIdleSummaries(db, cutoff);
    }

    /** Removes a conversation's summary memory for good, with the conversation it summarized. */
    public Uni<Void> purge(SqlClient db, String userId, UUID conversationId) {
        return repository.deleteSummary(db, idOf(userId, conversationId), userId);
    }
}
