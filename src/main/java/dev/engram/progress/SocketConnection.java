package dev.engram.progress;

import java.time.Instant;

/**
 * An open connection of the API Gateway WebSocket API.
 *
 * @param connectionId API Gateway's id of the connection
 * @param userId       the {@code sub} of the token it connected with
 * @param taskId       the job it follows, null until it subscribes
 * @param expiresAt    when its token expires: then it is told so and closed (at the next change of its job, or by
 *                     the pusher's minute sweep), and its record goes (TTL)
 */
public record SocketConnection(String connectionId, String userId, String taskId, Instant expiresAt) {

    /** Whether its token has expired at {@code now}. */
    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
