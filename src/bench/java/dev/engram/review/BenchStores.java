package dev.engram.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.memory.MemoryRepository;
import dev.engram.platform.persistence.ReactiveBridge;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.function.Supplier;

/** Builds Engram's {@link PendingMemoryStore} outside the container, on a pool the benchmark owns. */
public final class BenchStores {

    private BenchStores() {
    }

    public static PendingMemoryStore pending(Pool pool, ActiveEmbedder embedder) {
        ReactiveBridge bridge = new ReactiveBridge() {
            @Override
            public <T> T await(Supplier<Uni<T>> work) {
                // Benchmark threads are plain threads, never event loops: waiting on them is allowed.
                return work.get().await().atMost(Duration.ofMinutes(2));
            }
        };
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
        return new PendingMemoryStore(pool, bridge, new ObjectMapper(), settings, embedder, new ChunkRepository(),
                new PendingMemoryRepository(), new MemoryRepository());
    }
}
