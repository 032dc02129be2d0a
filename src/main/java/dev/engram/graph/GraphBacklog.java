package dev.engram.graph;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The graph stage's work as operators see it: how much waits or failed, and the dead letters of the graph queue (a
 * request's work, reopened for an automatic retry or failed for good when its worker died during its last delivery).
 */
@ApplicationScoped
public class GraphBacklog {

    private final GraphWorkRepository work;

    GraphBacklog(GraphWorkRepository work) {
        this.work = work;
    }

    /** Work of every user: pending and failed chunks, and how long the oldest pending one has waited (null: none). */
    public record Totals(long pending, long failed, Duration oldestPendingAge) {
    }

    /** A request's work: {@code pending}, {@code completed} or {@code failed}, and the failure's reason. */
    public record Work(String state, String error) {
    }

    public Totals totals() {
        GraphWorkRepository.Totals t = work.totals();
        return new Totals(t.pending(), t.failed(), t.oldestPending() == null ? null
                : Duration.between(t.oldestPending(), OffsetDateTime.now()).withNanos(0));
    }

    /** The request's work, if it still exists (its job not purged). */
    public Optional<Work> find(GraphRequested request) {
        return work.find(request).map(w -> new Work(w.state(), w.error()));
    }

    /** Makes failed work pending again (its saved answer kept) before its message goes back; false: gone or done. */
    public boolean reopen(GraphRequested request) {
        return work.reopen(request);
    }

    /** Fails work still pending for good, with {@code reason} (its worker died during the last delivery). */
    public void fail(GraphRequested request, String reason) {
        work.fail(request, reason);
    }
}
