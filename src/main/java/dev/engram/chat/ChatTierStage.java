package dev.engram.chat;

import dev.engram.memory.SummaryMemories;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.platform.schedule.ScheduledStage;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The chat tiers, on the expire schedule: conversations idle for {@code engram.chat.idle-summary} with unsummarized
 * messages are summarized (in this stage, through the {@link SummarizeStage} and its lock); message content is purged
 * {@code engram.chat.message-ttl} after the summary that covers it, never before (short tier); summary memories idle
 * for {@code engram.chat.summary-ttl} are soft-deleted (medium tier). Insights and confirmed memories stay (long tier).
 */
@ApplicationScoped
public class ChatTierStage implements ScheduledStage {

    private static final Logger LOG = Logger.getLogger(ChatTierStage.class);

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ConversationRepository conversations;
    private final ChatMessageRepository messages;
    private final ConversationSummaryRepository summaries;
    private final SummaryMemories summaryMemories;
    private final SummarizeStage summarize;
    private final ChatSettings settings;

    ChatTierStage(Pool pool, ReactiveBridge bridge, ConversationRepository conversations,
            ChatMessageRepository messages, ConversationSummaryRepository summaries, SummaryMemories summaryMemories,
            SummarizeStage summarize, ChatSettings settings) {
        this.pool = pool;
        this.bridge = bridge;
        this.conversations = conversations;
        this.messages = messages;
        this.summaries = summaries;
        this.summaryMemories = summaryMemories;
        this.summarize = summarize;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "chat-tiers";
    }

    /** Returns how many conversations it summarized plus messages purged plus summary memories expired. */
    @Override
    public int run() {
        OffsetDateTime now = OffsetDateTime.now();
        int summarized = 0;
        List<ConversationRepository.Idle> idle = bridge.await(() -> conversations.idleUnsummarized(pool,
                now.minus(settings.idleSummary()), settings.idleSummariesPerRun()));
        for (ConversationRepository.Idle c : idle) {
            try {
                summarized += summarize.summarize(SummarizeRequested.of(c.id(), c.userId(), c.messageCount(),
                        null)) > 0 ? 1 : 0;
            } catch (RuntimeException e) {
                // One conversation's failure does not hold up the others; the next run tries it again.
                LOG.warnf(e, "idle conversation %s could not be summarized now", c.id());
            }
        }
        int purged = bridge.await(() -> summaries.windowsWrittenBefore(pool, now.minus(settings.messageTtl()))
                .chain(windows -> messages.purgeSummarizedIn(pool, windows)));
        int expired = bridge.await(() -> summaryMemories.expireIdle(pool, now.minus(settings.summaryTtl())));
        if (summarized + purged + expired > 0) {
            LOG.infof("chat tiers: %d idle conversations summarized, %d message contents purged, %d summary memories "
                    + "expired", summarized, purged, expired);
        }
        return summarized + purged + expired;
    }
}
