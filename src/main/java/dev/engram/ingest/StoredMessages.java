package dev.engram.ingest;

import java.util.Optional;
import java.util.UUID;

/**
 * The caller's stored chat messages, as a bulk {@code message} item given by id reads them. Ingest owns this contract
 * and chat implements it, so ingest does not depend on chat.
 */
public interface StoredMessages {

    /** The content of the user's message with this id, empty when it has none (another user's, missing, purged). */
    Optional<String> content(String userId, UUID id);
}
