package dev.engram.chat;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.progress.ChunkLedger;
import dev.engram.progress.Job;
import dev.engram.progress.JobFinished;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * When a chat job finishes, the messages it extracted from leave {@code pending}: completed, or failed with the reason
 * their chunk failed for.
 */
@ApplicationScoped
class ChatJobOutcome {

    private static final Logger LOG = Logger.getLogger(ChatJobOutcome.class);

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ChatMessageRepository messages;
    private final ChunkLedger chunks;

    ChatJobOutcome(Pool pool, ReactiveBridge bridge, ChatMessageRepository messages, ChunkLedger chunks) {
        this.pool = pool;
        this.bridge = bridge;
        this.messages = messages;
        this.chunks = chunks;
    }

    void onFinished(@Observes JobFinished finished) {
        Job job = finished.job();
        if (job.source() == null || !job.source().startsWith("chat:")) {
            return;
        }
        try {
            List<ChatMessage> extracted = bridge.await(() -> messages.extractedBy(pool, job.userId(), job.taskId()));
            List<Integer> done = new ArrayList<>();
            for (ChatMessage m : extracted) {
                if (!m.processing().equals("pending")) {
                    continue;
                }
                var reason = job.chunksFailed() == 0 ? java.util.Optional.<String>empty()
                        : chunks.failedChunkReason(job.taskId(), m.seq());
                if (reason.isPresent()) {
                    bridge.await(() -> messages.settle(pool, job.userId(), job.taskId(), List.of(m.seq()),
                            reason.get()));
                } else {
                    done.add(m.seq());
                }
            }
            if (!done.isEmpty()) {
                bridge.await(() -> messages.settle(pool, job.userId(), job.taskId(), done, null));
            }
        } catch (RuntimeException e) {
            // The job's outcome stands; only the messages' view of it lags. Logged rather than failing the chunk.
            LOG.warnf(e, "job %s finished but its chat messages could not be settled", job.taskId());
        }
    }
}
