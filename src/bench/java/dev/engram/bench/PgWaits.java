package dev.engram.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the bench database's connections are doing, sampled twice a second from {@code pg_stat_activity} while a run
 * goes: per wait event (or {@code running} when a statement is on a CPU), how many connections were in it on average.
 * Shows whether a pipeline waits on Postgres's work, its locks, or its clients.
 */
final class PgWaits implements AutoCloseable {

    private final Map<String, Long> counts = new TreeMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private int samples;

    private PgWaits() {
        sampler = Thread.ofVirtual().name("pg-waits").start(this::sample);
    }

    static PgWaits start() {
        return new PgWaits();
    }

    private void sample() {
        try (Connection db = Bench.database(); Statement st = db.createStatement()) {
            while (running) {
                try (ResultSet rs = st.executeQuery("SELECT CASE WHEN state = 'active' AND wait_event IS NULL"
                        + " THEN 'running' ELSE coalesce(wait_event_type || '/' || wait_event, state) END, count(*)"
                        + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND state <> 'idle' GROUP BY 1")) {
                    synchronized (counts) {
                        while (rs.next()) {
                            counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
                        }
                        samples++;
                    }
                }
                Bench.sleep(500);
            }
        } catch (SQLException | IllegalStateException e) {
            Bench.log("pg waits: sampling stopped: %s", e.getMessage());
        }
    }

    /** Mean connections per state over the samples, largest first. */
    Map<String, Double> meanConnections() {
        Map<String, Double> out = new LinkedHashMap<>();
        synchronized (counts) {
            int n = Math.max(1, samples);
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() * 100.0 / n) / 100.0));
        }
        return out;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
