package dev.engram.admin;

import dev.engram.graph.GraphBacklog;
import dev.engram.graph.GraphRebuild;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSender;
import dev.engram.platform.queue.QueueSettings;
import dev.engram.profile.ProfileInsights;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The knowledge graph for operators: its queue and dead-letter queue as SQS counts them beside its work rows
 * ({@link GraphBacklog}), and a backfill of the chunks that have no graph work ({@link GraphRebuild}) and of the
 * profile insights' facts ({@link ProfileInsights#stateInGraph}, one transaction per user).
 */
@ApplicationScoped
class GraphAdminService {

    private final SqsClient sqs;
    private final QueueSender queues;
    private final QueueSettings settings;
    private final GraphBacklog backlog;
    private final GraphRebuild rebuild;
    private final ProfileInsights profile;
    private final Pool pool;
    private final ReactiveBridge bridge;

    GraphAdminService(SqsClient sqs, QueueSender queues, QueueSettings settings, GraphBacklog backlog,
            GraphRebuild rebuild, ProfileInsights profile, Pool pool, ReactiveBridge bridge) {
        this.sqs = sqs;
        this.queues = queues;
        this.settings = settings;
        this.backlog = backlog;
        this.rebuild = rebuild;
        this.profile = profile;
        this.pool = pool;
        this.bridge = bridge;
    }

    /**
     * What {@code POST /api/v1/admin/graph/rebuild} answers: whose graph, how many chunks were requested, and how
     * many profile insights were stated as facts (again: repeating it adds nothing).
     */
    record RebuildStarted(String userId, int chunksRequested, int insightsStated) {
    }

    /**
     * The graph's backlog.
     *
     * @param queueDepth               messages waiting on the graph queue
     * @param queueInFlight            messages received by the graph stage and not yet deleted
     * @param deadLetters              messages in the graph dead-letter queue
     * @param pending                  chunks whose graph work is pending
     * @param failed                   chunks whose graph work failed
     * @param oldestPendingAgeSeconds  how long the oldest pending work has waited (null: none pending)
     */
    record Stats(int queueDepth, int queueInFlight, int deadLetters, long pending, long failed,
            Long oldestPendingAgeSeconds) {
    }

    RebuildStarted rebuild(String userId) {
        String who = userId == null || userId.isBlank() ? null : userId.strip();
        int chunks = rebuild.rebuild(who);
        List<String> users = who != null ? List.of(who) : bridge.await(() -> profile.owners(pool));
        int insights = 0;
        for (String user : users) {
            insights += bridge.await(() -> pool.withTransaction(db -> profile.stateInGraph(db, user)));
        }
        return new RebuildStarted(who, chunks, insights);
    }

    Stats stats() {
        Map<QueueAttributeName, String> work = attributes(queues.workQueueUrl(QueueNames.GRAPH));
        Map<QueueAttributeName, String> dead = attributes(queues.urlOf(settings.deadLetterNameOf(QueueNames.GRAPH)));
        GraphBacklog.Totals totals = backlog.totals();
        return new Stats(count(work, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(work, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(dead, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), totals.pending(), totals.failed(),
                totals.oldestPendingAge() == null ? null : totals.oldestPendingAge().toSeconds());
    }

    private Map<QueueAttributeName, String> attributes(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    }

    private static int count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        return Integer.parseInt(attributes.getOrDefault(name, "0"));
    }
}
