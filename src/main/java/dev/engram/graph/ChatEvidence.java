package dev.engram.graph;

import dev.engram.platform.persistence.ReactiveBridge;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A chunk that is one chat message names it on the graph evidence it yielded, so a fact learnt in a conversation
 * points at the message that says it. Idempotent: the graph stage runs it after every application of a chunk.
 */
@ApplicationScoped
class ChatEvidence {

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final GraphEvidenceRepository evidence;

    ChatEvidence(Pool pool, ReactiveBridge bridge, GraphEvidenceRepository evidence) {
        this.pool = pool;
        this.bridge = bridge;
        this.evidence = evidence;
    }

    /** Names {@code messageId} on the evidence of the requested chunk; nothing for a document's chunk (null). */
    void name(GraphRequested chunk, UUID messageId) {
        if (messageId != null) {
            bridge.await(() -> evidence.nameMessage(pool, chunk.userId(), chunk.jobId(), chunk.chunkIndex(),
                    messageId));
        }
    }
}
