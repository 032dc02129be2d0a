package dev.engram.chat;

import dev.engram.ingest.StoredMessages;
import dev.engram.platform.persistence.ReactiveBridge;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Reads one of the caller's chat messages for a bulk extraction item; another user's message is not found. */
@ApplicationScoped
class ChatMessageLookup implements StoredMessages {

    private final Pool pool;
    private final ReactiveBridge bridge;
    private final ChatMessageRepository messages;

    ChatMessageLookup(Pool pool, ReactiveBridge bridge, ChatMessageRepository messages) {
        this.pool = pool;
        this.bridge = bridge;
        this.messages = messages;
    }

    @Override
    public Optional<String> content(String userId, UUID id) {
        return bridge.await(() -> messages.locate(pool, userId, id))
                .map(found -> found.message().content());
    }
}
