package dev.engram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drives documents through a running Engram: submits them through the API as one user, then watches Postgres until
 * every chunk is stored (the process stage's throughput) and the API until every job is finished and auto-saved
 * (the corpus is searchable).
 */
final class PipelineRun {

    /**
     * @param chunksSeconds     first submission until the last chunk's memories were stored
     * @param searchableSeconds first submission until every job was finished and its memories saved
     * @param states            jobs per final state
     */
    record Result(int documents, int chunks, double chunksSeconds, double searchableSeconds, long pendingMemories,
            long savedMemories, Map<String, Integer> states) {
        double chunksPerSecond() {
            return chunks / chunksSeconds;
        }
    }

    private final EngramApi api;

    PipelineRun(EngramApi api) {
        this.api = api;
    }

    Result run(String user, List<String> documents, int expectedChunks, Duration timeout) throws SQLException {
        List<JsonNode> jobs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (String doc : documents) {
            jobs.add(api.submitText(user, doc, true));
        }
        long deadline = t0 + timeout.toNanos();
        double chunksSeconds;
        try (Connection db = Bench.database()) {
            while (count(db, "SELECT count(*) FROM chunks WHERE user_id = ?", user) < expectedChunks) {
                check(deadline, "chunks of " + user);
                Bench.sleep(100);
            }
            chunksSeconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Integer> states = new TreeMap<>();
            for (JsonNode job : jobs) {
                while (true) {
                    JsonNode extraction = api.extraction(user, job.get("extraction_id").asText());
                    String status = extraction.path("status").asText();
                    if (!status.equals("processing")) {
                        JsonNode progress = api.progress(user, job.get("task_id").asText());
                        String state = progress.path("state").asText();
                        if (!(state.equals("completed") && !status.equals("auto_saved"))) {
                            states.merge(state + "/" + status, 1, Integer::sum);
                            break;
                        }
                    }
                    check(deadline, "jobs of " + user);
                    Bench.sleep(50);
                }
            }
            double searchableSeconds = (System.nanoTime() - t0) / 1e9;
            return new Result(documents.size(), expectedChunks, chunksSeconds, searchableSeconds,
                    count(db, "SELECT count(*) FROM pending_memories WHERE user_id = ?", user),
                    count(db, "SELECT count(*) FROM memories WHERE user_id = ?", user), states);
        }
    }

    /** Waits until every job of a list of answers has finished; returns the final states. */
    Map<String, Integer> awaitJobs(String user, List<JsonNode> answers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Integer> states = new TreeMap<>();
        for (JsonNode answer : answers) {
            if (!answer.has("task_id")) {
                states.merge("rejected " + answer.path("_status").asText(), 1, Integer::sum);
                continue;
            }
            while (true) {
                String state = api.progress(user, answer.get("task_id").asText()).path("state").asText();
                if (!state.equals("pending") && !state.equals("processing")) {
                    states.merge(state, 1, Integer::sum);
                    break;
                }
                check(deadline, "jobs of " + user);
                Bench.sleep(200);
            }
        }
        return states;
    }

    static long count(Connection db, String sql, String user) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setString(1, user);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }
}
