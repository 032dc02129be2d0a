package dev.engram.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Chat ingestion: which messages are extracted from and when a new conversation starts by itself. */
@ConfigMapping(prefix = "engram.chat")
public interface ChatSettings {

    /** A user message scoring at least this ({@link MessageImportance}) is extracted from; the rest are skipped. */
    @WithDefault("0.35")
    double importanceThreshold();

    /** Messages posted to {@code current} open a new conversation when the newest active one is idle this long. */
    @WithDefault("P7D")
    Duration currentIdle();

    /** Messages one request may carry. */
    @WithDefault("100")
    int maxMessagesPerRequest();
}
