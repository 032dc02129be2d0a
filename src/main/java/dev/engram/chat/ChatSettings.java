package dev.engram.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Chat ingestion: which messages are extracted from, when conversations are summarized, when one starts by itself. */
@ConfigMapping(prefix = "engram.chat")
public interface ChatSettings {

    /** A user message scoring at least this ({@link MessageImportance}) is extracted from; the rest are skipped. */
    @WithDefault("0.35")
    double importanceThreshold();

    /** Messages posted to {@code current} open a new conversation when the newest active one is idle this long. */
    @WithDefault("P7D")
    Duration currentIdle();

    /** A conversation is summarized once this many of its messages are not; each summary version adds this many. */
    @WithDefault("20")
    int summaryEvery();

    /**
     * Below this cosine between what the last {@link #shiftWindow()} user messages and the unsummarized ones before them
     * are about, the conversation has moved on and what came before is summarized on its own ({@link ContextShift}).
     */
    @WithDefault("0.5")
    double shiftThreshold();

    /** How many of the latest user messages stand for where the conversation is now. */
    @WithDefault("6")
    int shiftWindow();

    /** The summary provider ({@link Summarizer#name()}): {@code rules} (offline, extractive). */
    @WithDefault("rules")
    String summaryProvider();

    /** A conversation idle this long with unsummarized messages is summarized by the hourly chat-tiers stage. */
    @WithDefault("PT24H")
    Duration idleSummary();

    /** Short tier: a message's content is purged this long after the summary that covers it (never before). */
    @WithDefault("P30D")
    Duration messageTtl();

    /** Medium tier: a summary memory nobody read or updated for this long is soft-deleted. */
    @WithDefault("P180D")
    Duration summaryTtl();

    /** Idle conversations one chat-tiers run summarizes at most. */
    @WithDefault("50")
    int idleSummariesPerRun();

    /** Messages one request may carry. */
    @WithDefault("100")
    int maxMessagesPerRequest();
}
