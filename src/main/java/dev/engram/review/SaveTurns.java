package dev.engram.review;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A user's saves (auto-save, confirm) take their turns in this process before they take a pooled connection. The
 * per-user advisory lock still serialises them across processes, but a save waiting for it in Postgres holds one of
 * the pool's few connections doing nothing: in the remote benchmark one user's auto-saves kept 5.3 of the pool's 8
 * connections waiting for that lock on average, and the chunks behind them waited for a connection. Here the wait
 * costs a thread only. Users share a turn when their ids fall into the same of {@link #STRIPES} stripes.
 */
@ApplicationScoped
class SaveTurns {

    static final int STRIPES = 64;

    private final ReentrantLock[] turns = new ReentrantLock[STRIPES];

    SaveTurns() {
        for (int i = 0; i < STRIPES; i++) {
            turns[i] = new ReentrantLock();
        }
    }

    /** Runs {@code save} once no other save of the user (or of its stripe) runs in this process. */
    <T> T inTurn(String userId, Supplier<T> save) {
        ReentrantLock turn = turns[Math.floorMod(userId.hashCode(), STRIPES)];
        turn.lock();
        try {
            return save.get();
        } finally {
            turn.unlock();
        }
    }
}
