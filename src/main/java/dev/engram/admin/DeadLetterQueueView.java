package dev.engram.admin;

import java.util.List;

/**
 * A dead-letter queue: how many messages it holds and a peek at the first ones.
 *
 * @param queue      the logical work queue it belongs to ({@code ingest}, {@code chunks}); the redrive path uses it
 * @param name       the dead-letter queue's name
 * @param depth      messages available
 * @param inFlight   messages received and not yet visible again
 * @param messages   a peek (at most the requested number); peeking leaves them in place
 */
record DeadLetterQueueView(String queue, String name, int depth, int inFlight,
        List<DeadLetterMessage> messages) {
}
