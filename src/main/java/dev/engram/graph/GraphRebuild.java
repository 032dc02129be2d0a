package dev.engram.graph;

import dev.engram.platform.errors.Conflict;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.review.ChunkMemories;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Backfills the graph: every stored chunk (of one user, or everyone's) without graph work gets a pending row and a
 * request to the graph stage, as a processed chunk does. Chunks that have work, in whatever state, are left alone, so
 * a second rebuild adds nothing; a crash between a row and its message is covered by the hourly resend.
 */
@ApplicationScoped
public class GraphRebuild {

    private static final Logger LOG = Logger.getLogger(GraphRebuild.class);
    private static final int PAGE = 500;

    private final ChunkMemories chunks;
    private final GraphWorkRepository work;
    private final QueueSender queues;
    private final GraphSettings settings;

    GraphRebuild(ChunkMemories chunks, GraphWorkRepository work, QueueSender queues, GraphSettings settings) {
        this.chunks = chunks;
        this.work = work;
        this.queues = queues;
        this.settings = settings;
    }

    /** Requests the graph of {@code userId}'s chunks (everyone's when null) that have none; returns how many. */
    public int rebuild(String userId) {
        if (!settings.enabled()) {
            throw new Conflict("the knowledge graph is off (engram.graph.enabled); there is nothing to rebuild");
        }
        int requested = 0;
        ChunkMemories.Stored after = null;
        while (true) {
            List<ChunkMemories.Stored> page = chunks.storedChunks(userId, after, PAGE);
            List<GraphRequested> added = work.insertMissing(page.stream()
                    .map(c -> new GraphRequested(c.jobId(), c.chunkIndex(), c.userId())).toList());
            if (!added.isEmpty()) {
                queues.sendAll(QueueNames.GRAPH, added);
            }
            requested += added.size();
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        LOG.infof("graph rebuild of %s: %d chunks requested", userId == null ? "every user" : userId, requested);
        return requested;
    }
}
