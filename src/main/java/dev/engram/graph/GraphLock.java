package dev.engram.graph;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The graph's lock per user, held until the caller's transaction ends: the writer and the purge take it so that two
 * chunks of one user never resolve the same name twice and a purge never meets a half-written chunk.
 */
final class GraphLock {

    private GraphLock() {
    }

    /** Takes {@code userId}'s graph lock on the connection of the caller's transaction. */
    static Uni<Void> take(SqlClient conn, String userId) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of("engram.graph:" + userId)).replaceWithVoid();
    }
}
