package dev.engram.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.memory.MemoryRepository;
import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Builds Engram's review stores outside the container, on a pool the benchmark owns: {@link PendingMemoryStore} (what
 * the process stage's {@code ReviewInbox} writes through) and {@link ReviewService} (what auto-save saves through).
 */
public final class BenchStores {

    /** Benchmark threads are plain threads, never event loops: waiting on them is allowed. */
    private static final ReactiveBridge BRIDGE = new ReactiveBridge() {
        @Override
        public <T> T await(Supplier<Uni<T>> work) {
            return work.get().await().atMost(Duration.ofMinutes(2));
        }
    };

    private BenchStores() {
    }

    public static PendingMemoryStore pending(Pool pool, ActiveEmbedder embedder) {
        ReviewSettings settings = new ReviewSettings() {
            @Override
            public double duplicateThreshold() {
                return 0.85;
            }

            @Override
            public Duration pendingTtl() {
                return Duration.ofHours(24);
            }
        };
        return new PendingMemoryStore(pool, BRIDGE, new ObjectMapper(), settings, embedder, new ChunkRepository(),
                new PendingMemoryRepository(), new MemoryRepository());
    }

    /**
     * The service auto-save calls ({@link ReviewService#autoSave}): the same transaction, lock and SQL. Its
     * {@link MemoriesReviewed} event has no observer here (in Engram the graph follows reviews through it).
     */
    public static ReviewService review(Pool pool) {
        return new ReviewService(BRIDGE, pool, new Unobserved<>(), new PendingMemoryRepository(),
                new ChunkRepository(), new MemoryRepository(), new SaveTurns());
    }

    /** An event nobody observes. */
    private static final class Unobserved<T> implements Event<T> {
        @Override
        public void fire(T event) {
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            return CompletableFuture.completedFuture(event);
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            return new Unobserved<>();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            return new Unobserved<>();
        }
    }
}
