package dev.engram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            // One request a poll for all the run's jobs (the user's job list), not two per job: the watching must
            // not cost the pipeline more than a user watching it would.
            Set<String> taskIds = new HashSet<>();
            jobs.forEach(j -> taskIds.add(j.get("task_id").asText()));
            Map<String, Integer> states;
            while ((states = finishedStates(user, taskIds)) == null) {
                check(deadline, "jobs of " + user);
                Bench.sleep(50);
            }
            double searchableSeconds = (System.nanoTime() - t0) / 1e9;
            return new Result(documents.size(), expectedChunks, chunksSeconds, searchableSeconds,
                    count(db, "SELECT count(*) FROM pending_memories WHERE user_id = ?", user),
                    count(db, "SELECT count(*) FROM memories WHERE user_id = ?", user), states);
        }
    }

    /**
     * Final states ({@code state/extraction_status}) of the given jobs, or null while one is still running or is
     * completed but not yet auto-saved.
     */
    private Map<String, Integer> finishedStates(String user, Set<String> taskIds) {
        Map<String, Integer> states = new TreeMap<>();
        int[] seen = {0};
        boolean[] running = {false};
        api.eachJob(user, taskIds, job -> {
            String state = job.path("state").asText();
            String status = job.path("extraction_status").asText();
            running[0] |= !JOB_FINISHED.contains(state) || state.equals("completed") && !status.equals("auto_saved");
            states.merge(state + "/" + status, 1, Integer::sum);
            seen[0]++;
        });
        return running[0] || seen[0] != taskIds.size() ? null : states;
    }

    private static final Set<String> JOB_FINISHED = Set.of("completed", "completed_with_errors", "failed",
            "cancelled");

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
