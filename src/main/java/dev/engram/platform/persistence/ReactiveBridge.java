package dev.engram.platform.persistence;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Lets blocking code (Lambda handlers, queue stages, blocking REST methods) run Hibernate Reactive work: the work is
 * subscribed on a Vert.x duplicated context and the calling thread waits for its result.
 */
@ApplicationScoped
public class ReactiveBridge {

    /** Runs {@code work} on a Vert.x context and waits for it; unwraps its failure. */
    public <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t.getMessage(), t);
        }
    }
}
