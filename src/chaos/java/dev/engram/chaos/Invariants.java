package dev.engram.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What must hold once the faults stopped and the run settled, read from the stores themselves (the job table,
 * Postgres, the bucket, the dead-letter queues) and the client's own record of what it submitted.
 */
final class Invariants {

    private static final Set<String> TERMINAL = Set.of("completed", "completed_with_errors", "failed", "cancelled");
    private static final Pattern TASK_ID = Pattern.compile("tsk_[A-Za-z0-9]+");

    /** The verdict, with an example for each kind of violation. */
    static final class Verdict {
        int jobs;
        int terminal;
        int stuck;
        int lost;
        int duplicated;
        int orphans;
        int countMismatches;
        int storedMismatches;
        int unexplainedErrors;
        int dlqMessages;
        int dlqUnexplained;
        int unownedInputs;
        int purged;
        final Map<String, Integer> states = new TreeMap<>();
        /** Why jobs failed, and why chunks of partly failed jobs did: the reasons users read. */
        final Map<String, Integer> failedReasons = new TreeMap<>();
        final Map<String, Integer> chunkFailureReasons = new TreeMap<>();
        final Map<String, Integer> submissions = new TreeMap<>();
        final Map<String, List<String>> examples = new TreeMap<>();

        void example(String kind, String what) {
            List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
            if (list.size() < 5) {
                list.add(what);
            }
        }
    }

    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private final SqsClient sqs;
    private final String table;
    private final String bucket;
    private final String queuePrefix;

    Invariants(DynamoDbClient dynamo, S3Client s3, SqsClient sqs, String table, String bucket, String queuePrefix) {
        this.dynamo = dynamo;
        this.s3 = s3;
        this.sqs = sqs;
        this.table = table;
        this.bucket = bucket;
        this.queuePrefix = queuePrefix;
    }

    /** Every item of the job table, grouped by partition key. */
    Map<String, List<Map<String, AttributeValue>>> scan() {
        Map<String, List<Map<String, AttributeValue>>> byPk = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(table)).items()
                .forEach(item -> byPk.computeIfAbsent(item.get("pk").s(), k -> new ArrayList<>()).add(item));
        return byPk;
    }

    /** Jobs of the table that have not reached a terminal state. */
    static List<String> unfinished(Map<String, List<Map<String, AttributeValue>>> items) {
        List<String> out = new ArrayList<>();
        jobs(items).forEach((id, job) -> {
            if (!TERMINAL.contains(str(job, "state"))) {
                out.add(id + " " + str(job, "state") + "/" + str(job, "stage"));
            }
        });
        return out;
    }

    /**
     * A digest of the job table's state (every item's state, stage, counts, outcome and update time): it changes
     * whenever the pipeline makes progress on any job.
     */
    static String fingerprint(Map<String, List<Map<String, AttributeValue>>> items) {
        List<String> lines = new ArrayList<>();
        items.forEach((pk, list) -> list.forEach(i -> lines.add(pk + " " + str(i, "sk") + " " + str(i, "state")
                + " " + str(i, "stage") + " " + str(i, "outcome") + " " + str(i, "updated_at") + " "
                + str(i, "extraction_status") + " " + num(i, "chunks_done") + " " + num(i, "chunks_failed"))));
        Collections.sort(lines);
        return lines.size() + ":" + Integer.toHexString(lines.hashCode());
    }

    /** Messages in the run's work queues (not the dead-letter queues): visible, in flight or delayed. */
    int workInQueues() {
        int messages = 0;
        for (String url : sqs.listQueues(b -> b.queueNamePrefix(queuePrefix)).queueUrls()) {
            if (url.contains("dlq")) {
                continue;
            }
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            for (String n : attributes.values()) {
                messages += Integer.parseInt(n);
            }
        }
        return messages;
    }

    Verdict check(List<MixedLoad.Submitted> submitted, Connection db) throws SQLException {
        Verdict v = new Verdict();
        var items = scan();
        Map<String, Map<String, AttributeValue>> jobs = jobs(items);
        Set<String> purged = new HashSet<>();
        for (MixedLoad.Submitted s : submitted) {
            v.submissions.merge(s.kind + " " + (s.status / 100 == 2 ? "accepted" : "answered " + s.status), 1,
                    Integer::sum);
            if (s.purged) {
                purged.add(s.taskId);
            }
        }
        v.purged = purged.size();
        checkJobs(v, items, jobs);
        checkSubmissions(v, submitted, jobs, purged);
        checkPostgres(v, db, jobs, purged);
        checkStored(v, db, items, jobs);
        checkBucket(v, jobs, purged, items);
        checkDeadLetters(v, items, jobs, purged);
        return v;
    }

    private void checkJobs(Verdict v, Map<String, List<Map<String, AttributeValue>>> items,
            Map<String, Map<String, AttributeValue>> jobs) {
        for (var entry : jobs.entrySet()) {
            String id = entry.getKey();
            var job = entry.getValue();
            String state = str(job, "state");
            v.jobs++;
            v.states.merge(state, 1, Integer::sum);
            if (!TERMINAL.contains(state)) {
                v.stuck++;
                v.example("stuck", id + " " + state + "/" + str(job, "stage"));
                continue;
            }
            v.terminal++;
            int done = 0;
            int failed = 0;
            boolean reasons = true;
            for (var item : items.get("JOB#" + id)) {
                if (str(item, "sk").startsWith("CHUNK#")) {
                    if ("failed".equals(str(item, "outcome"))) {
                        failed++;
                        reasons &= !str(item, "reason").isBlank();
                        v.chunkFailureReasons.merge(gist(str(item, "reason")), 1, Integer::sum);
                    } else {
                        done++;
                    }
                }
            }
            Integer total = job.containsKey("total_chunks") ? Integer.valueOf(job.get("total_chunks").n()) : null;
            int chunksDone = num(job, "chunks_done");
            int chunksFailed = num(job, "chunks_failed");
            switch (state) {
                case "completed", "completed_with_errors" -> {
                    boolean counts = total != null && chunksDone + chunksFailed == total && done == chunksDone
                            && failed == chunksFailed
                            && (state.equals("completed") ? chunksFailed == 0 : chunksFailed > 0);
                    if (!counts) {
                        v.countMismatches++;
                        v.example("count_mismatch", id + " " + state + " total=" + total + " done=" + chunksDone
                                + " failed=" + chunksFailed + " markers=" + done + "/" + failed);
                    }
                    if (total != null && done + failed > total) {
                        v.duplicated++;
                        v.example("duplicated", id + " counted " + (done + failed) + " chunks of " + total);
                    }
                    if (state.equals("completed_with_errors") && (!reasons || str(job, "error").isBlank())) {
                        v.unexplainedErrors++;
                        v.example("unexplained", id + " completed_with_errors without a reason per failed chunk");
                    }
                }
                case "failed" -> {
                    v.failedReasons.merge(gist(str(job, "error")), 1, Integer::sum);
                    if (str(job, "error").isBlank()) {
                        v.unexplainedErrors++;
                        v.example("unexplained", id + " failed without a reason");
                    }
                }
                default -> {
                    // cancelled: its remaining chunks were skipped on purpose
                }
            }
        }
    }

    private static void checkSubmissions(Verdict v, List<MixedLoad.Submitted> submitted,
            Map<String, Map<String, AttributeValue>> jobs, Set<String> purged) {
        Map<String, List<String>> byInput = new HashMap<>();
        jobs.forEach((id, job) -> byInput.computeIfAbsent(str(job, "input_key"), k -> new ArrayList<>()).add(id));
        for (MixedLoad.Submitted s : submitted) {
            if (s.kind.equals("bulk")) {
                continue;
            }
            if (s.dropKey != null) {
                List<String> made = byInput.getOrDefault(s.dropKey, List.of());
                if (made.isEmpty()) {
                    v.lost++;
                    v.example("lost", "drop-folder object " + s.dropKey + " made no job");
                } else if (made.size() > 1) {
                    v.duplicated += made.size() - 1;
                    v.example("duplicated", "drop-folder object " + s.dropKey + " made jobs " + made);
                }
                continue;
            }
            if (s.taskId != null && s.status / 100 == 2 && !purged.contains(s.taskId) && !jobs.containsKey(s.taskId)) {
                v.lost++;
                v.example("lost", s.kind + " " + s.taskId + " was accepted but has no job");
            }
        }
    }

    private static void checkPostgres(Verdict v, Connection db, Map<String, Map<String, AttributeValue>> jobs,
            Set<String> purged) throws SQLException {
        try (Statement st = db.createStatement()) {
            int twice = count(st, "SELECT count(*) FROM (SELECT 1 FROM pending_memories "
                    + "GROUP BY job_id, chunk_index, content HAVING count(*) > 1) d")
                    + count(st, "SELECT count(*) FROM (SELECT 1 FROM memories WHERE deleted_at IS NULL "
                    + "AND job_id IS NOT NULL GROUP BY user_id, job_id, content HAVING count(*) > 1) d");
            if (twice > 0) {
                v.duplicated += twice;
                v.example("duplicated", twice + " memories stored twice for one chunk");
            }
            // The knowledge graph's rows of a job (its work and evidence) go with it too.
            for (String tableName : List.of("chunks", "pending_memories", "memories", "graph_work",
                    "graph_evidence")) {
                try (ResultSet rs = st.executeQuery("SELECT job_id, count(*) FROM " + tableName
                        + " WHERE job_id IS NOT NULL GROUP BY job_id")) {
                    while (rs.next()) {
                        String job = rs.getString(1);
                        if (purged.contains(job) || !jobs.containsKey(job)) {
                            v.orphans++;
                            v.example("orphans", rs.getInt(2) + " rows of " + tableName + " for "
                                    + (purged.contains(job) ? "purged" : "unknown") + " job " + job);
                        }
                    }
                }
            }
        }
    }

    /**
     * The counts of each finished job against what Postgres holds: every chunk counted done has its chunk row (the
     * store's idempotency marker, written with its memories), the job's {@code memories_extracted} equals the
     * memories stored for its done chunks, and no chunk row or memory of the job lacks a chunk marker (stored but
     * never counted). A chunk counted failed may have rows (stored, then its count failed for good): a redrive that
     * succeeds counts it without storing again.
     */
    private static void checkStored(Verdict v, Connection db, Map<String, List<Map<String, AttributeValue>>> items,
            Map<String, Map<String, AttributeValue>> jobs) throws SQLException {
        // Per job, per stored chunk index: its memories (-1 for memories whose chunk row is missing).
        Map<String, Map<Integer, Integer>> stored = new HashMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT coalesce(c.job_id, p.job_id), coalesce(c.chunk_index, p.chunk_index),
                               c.job_id IS NOT NULL, count(p.id)
                        FROM chunks c FULL JOIN pending_memories p
                          ON p.job_id = c.job_id AND p.chunk_index = c.chunk_index
                        GROUP BY 1, 2, 3""")) {
            while (rs.next()) {
                stored.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .put(rs.getInt(2), rs.getBoolean(3) ? rs.getInt(4) : -1);
            }
        }
        for (var entry : jobs.entrySet()) {
            String id = entry.getKey();
            String state = str(entry.getValue(), "state");
            if (!state.equals("completed") && !state.equals("completed_with_errors")) {
                continue;
            }
            Map<Integer, String> outcomes = new HashMap<>();
            for (var item : items.get("JOB#" + id)) {
                if (str(item, "sk").startsWith("CHUNK#")) {
                    outcomes.put(Integer.parseInt(str(item, "sk").substring(6)), str(item, "outcome"));
                }
            }
            Map<Integer, Integer> rows = stored.getOrDefault(id, Map.of());
            List<String> wrong = new ArrayList<>();
            int memories = 0;
            for (var chunk : outcomes.entrySet()) {
                if (!"done".equals(chunk.getValue())) {
                    continue;
                }
                Integer n = rows.get(chunk.getKey());
                if (n == null || n < 0) {
                    wrong.add("chunk " + chunk.getKey() + " counted done but not stored");
                } else {
                    memories += n;
                }
            }
            for (var row : rows.entrySet()) {
                if (!outcomes.containsKey(row.getKey())) {
                    wrong.add("chunk " + row.getKey() + " stored but never counted");
                } else if (row.getValue() < 0) {
                    wrong.add("memories of chunk " + row.getKey() + " stored without their chunk");
                }
            }
            if (memories != num(entry.getValue(), "memories_extracted")) {
                wrong.add("memories_extracted=" + num(entry.getValue(), "memories_extracted") + " but " + memories
                        + " stored for its done chunks");
            }
            if (!wrong.isEmpty()) {
                v.storedMismatches++;
                v.example("stored_mismatch", id + " " + state + ": " + String.join("; ", wrong));
            }
        }
    }

    private void checkBucket(Verdict v, Map<String, Map<String, AttributeValue>> jobs, Set<String> purged,
            Map<String, List<Map<String, AttributeValue>>> items) {
        Set<String> inputs = new HashSet<>();
        jobs.values().forEach(j -> inputs.add(str(j, "input_key")));
        for (String prefix : List.of("inputs/", "uploads/")) {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                Matcher m = TASK_ID.matcher(object.key());
                String job = m.find() ? m.group() : null;
                if (job != null && purged.contains(job)) {
                    v.orphans++;
                    v.example("orphans", "object " + object.key() + " of a purged job");
                } else if (!inputs.contains(object.key())) {
                    v.unownedInputs++;
                    v.example("unowned_inputs", object.key());
                }
            }
        }
        for (String job : purged) {
            if (items.containsKey("JOB#" + job)) {
                v.orphans++;
                v.example("orphans", items.get("JOB#" + job).size() + " job-table items of purged job " + job);
            }
        }
    }

    private void checkDeadLetters(Verdict v, Map<String, List<Map<String, AttributeValue>>> items,
            Map<String, Map<String, AttributeValue>> jobs, Set<String> purged) {
        Map<String, String> byInput = new HashMap<>();
        jobs.forEach((id, job) -> byInput.put(str(job, "input_key"), id));
        for (String url : sqs.listQueues(b -> b.queueNamePrefix(queuePrefix)).queueUrls()) {
            if (!url.contains("dlq")) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (int empty = 0; empty < 2; ) {
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                        .visibilityTimeout(600).waitTimeSeconds(1)).messages();
                empty = batch.isEmpty() ? empty + 1 : 0;
                for (Message m : batch) {
                    if (seen.add(m.messageId())) {
                        v.dlqMessages++;
                        String why = explain(m.body(), items, jobs, purged, byInput);
                        if (why != null) {
                            v.dlqUnexplained++;
                            v.example("dlq_unexplained", why);
                        }
                    }
                }
            }
        }
    }

    /** Null when the dead letter's job says it failed (or is gone on purpose), else what is wrong. */
    private static String explain(String body, Map<String, List<Map<String, AttributeValue>>> items,
            Map<String, Map<String, AttributeValue>> jobs, Set<String> purged, Map<String, String> byInput) {
        JsonNode message;
        try {
            message = ChaosApi.JSON.readTree(body);
        } catch (IOException e) {
            return "unreadable dead letter " + body;
        }
        String job = message.path("task_id").asText(null);
        if (job == null && message.has("Records")) {
            String key = java.net.URLDecoder.decode(message.path("Records").path(0).path("s3").path("object")
                    .path("key").asText(), java.nio.charset.StandardCharsets.UTF_8);
            job = byInput.get(key);
            if (job == null) {
                return "S3 event for " + key + " names no job";
            }
        }
        if (job == null) {
            return "dead letter names no job: " + body.substring(0, Math.min(200, body.length()));
        }
        if (purged.contains(job)) {
            return null;
        }
        var record = jobs.get(job);
        if (record == null) {
            return "dead letter of job " + job + " that does not exist";
        }
        String state = str(record, "state");
        if (state.equals("cancelled") || state.equals("failed")) {
            return null;
        }
        if (message.has("chunk")) {
            int index = message.path("chunk").path("index").asInt();
            String sk = String.format("CHUNK#%06d", index);
            boolean recorded = items.get("JOB#" + job).stream()
                    .anyMatch(i -> sk.equals(str(i, "sk")) && "failed".equals(str(i, "outcome")));
            return recorded ? null : "chunk " + index + " of " + state + " job " + job
                    + " is dead-lettered but the job does not say it failed";
        }
        return state.equals("completed_with_errors") ? null
                : "split request of " + state + " job " + job + " is dead-lettered";
    }

    private static Map<String, Map<String, AttributeValue>> jobs(Map<String, List<Map<String, AttributeValue>>> items) {
        Map<String, Map<String, AttributeValue>> jobs = new TreeMap<>();
        items.forEach((pk, list) -> list.stream()
                .filter(i -> "JOB".equals(str(i, "sk")) && i.containsKey("state") && pk.startsWith("JOB#"))
                .findFirst().ifPresent(job -> jobs.put(pk.substring(4), job)));
        return jobs;
    }

    /** A reason without the ids and numbers that make each one unique. */
    private static String gist(String reason) {
        String g = reason.replaceAll("tsk_[A-Za-z0-9]+|[0-9a-f]{8}-[0-9a-f-]{27}", "{id}").replaceAll("\\d+", "N");
        return g.length() <= 120 ? g : g.substring(0, 120) + "...";
    }

    private static int count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static int num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
    }
}
