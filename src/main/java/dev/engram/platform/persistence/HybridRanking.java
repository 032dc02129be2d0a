package dev.engram.platform.persistence;

/**
 * The SQL that hybrid search shares whatever table it ranks: common table expressions that rank the rows of a CTE
 * named {@code scope} (columns {@code id, content, embedding}) by cosine distance to the vector in {@code $2} and by
 * full-text rank against the words in {@code $3}, for the owning repository to fuse.
 */
public final class HybridRanking {

    private HybridRanking() {
    }

    /** CTE {@code q}: the words of {@code $3} as a tsquery matching any of them, null when none is a word. */
    public static final String QUERY = """
            q AS (
                SELECT nullif(replace(plainto_tsquery('english', $3)::text, ' & ', ' | '), '')::tsquery AS ts
            )""";

    /**
     * CTEs {@code vec} ({@code id, r, sim}) and {@code txt} ({@code id, r, rank}): the best {@code candidates} rows
     * of {@code scope} by meaning (those with an embedding) and by words, each numbered from 1.
     */
    public static String ranks(int candidates) {
        return """
                vec AS (
                    SELECT id, row_number() OVER (ORDER BY d) AS r, 1 - d AS sim FROM (
                        SELECT id, embedding <=> $2::text::vector AS d FROM scope WHERE embedding IS NOT NULL
                        ORDER BY embedding <=> $2::text::vector LIMIT %1$d) v
                ),
                txt AS (
                    SELECT id, row_number() OVER (ORDER BY rank DESC) AS r, rank FROM (
                        SELECT s.id, ts_rank_cd(to_tsvector('english', s.content), q.ts) AS rank
                        FROM scope s, q WHERE q.ts IS NOT NULL AND to_tsvector('english', s.content) @@ q.ts
                        ORDER BY rank DESC LIMIT %1$d) t
                )""".formatted(candidates);
    }
}
