package dev.engram.platform.persistence;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reading a result set into values. */
public final class Rows {

    private Rows() {
    }

    /** Each row as {@code read} makes it, in the order of the rows. */
    public static <T> List<T> list(RowSet<Row> rows, Function<Row, T> read) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(read.apply(row));
        }
        return out;
    }
}
