package dev.engram.platform.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a batched nearest-neighbour query: several proposals' vectors in one statement, the rows near each returned
 * under the proposal's 1-based ordinal. The query takes $1 a scope (user or extraction), $2 the proposals' types
 * (text[]), $3 their vectors flattened into one real[], $4 the largest cosine distance, $5 the dimension, and returns
 * {@code ord}, {@code id} and {@code metadata} (JSON text), nearest first per ordinal.
 */
public final class Neighbours {

    private Neighbours() {
    }

    /**
     * The proposals as rows {@code c(ord, memory_type, v)}, for a query to follow with its {@code SELECT}. The vectors
     * come as one binary real[] ($3, $5 floats each) and are cut into vectors once (a materialised CTE), not once per
     * candidate row compared.
     */
    public static final String PROPOSALS = """
            WITH c AS MATERIALIZED (
                SELECT ord, memory_type, ($3::real[])[((ord - 1) * $5 + 1)::int : (ord * $5)::int]::vector AS v
                FROM unnest($2::text[]) WITH ORDINALITY AS u(memory_type, ord))
            """;

    /** A row near a proposal: its id and its metadata (JSON text). */
    public record Neighbour(UUID id, String metadataJson) {
    }

    public static Uni<Map<Long, List<Neighbour>>> byOrdinal(SqlClient db, String sql, String scope, String[] types,
            Float[] vectors, int dim, double maxDistance) {
        Tuple args = Tuple.tuple().addString(scope).addArrayOfString(types).addArrayOfFloat(vectors)
                .addDouble(maxDistance).addInteger(dim);
        return db.preparedQuery(sql).execute(args).map(rows -> {
            Map<Long, List<Neighbour>> byOrdinal = new HashMap<>();
            for (Row row : rows) {
                byOrdinal.computeIfAbsent(row.getLong("ord"), k -> new ArrayList<>())
                        .add(new Neighbour(row.getUUID("id"), row.getString("metadata")));
            }
            return byOrdinal;
        });
    }
}
