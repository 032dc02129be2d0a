package dev.engram.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** {@code summary.json} and the docs page of one chaos run; every figure on the page comes from that run. */
final class ChaosReport {

    private ChaosReport() {
    }

    static int total(Map<String, Integer> faults) {
        return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * What was done to the run besides the SDK, LLM and Postgres faults.
     *
     * @param kills          {@code kill -9} of the worker
     * @param halts          halts just before a chunk's count
     * @param workerStarts   worker processes started
     * @param duplicates     split requests sent again
     * @param repeatedKeys   requests repeated with the same Idempotency-Key
     * @param progressPolls  progress requests of users watching their jobs
     * @param faultsByWhere  faults by where they were made (api, worker, fake_llm, postgres_proxy)
     */
    record Disturbances(int kills, int halts, int workerStarts, int duplicates, int repeatedKeys, int progressPolls,
            Map<String, Integer> faultsByWhere) {
    }

    static ObjectNode summary(ChaosSettings s, Invariants.Verdict v, Map<String, Integer> faults, Disturbances d,
            ChaosApi api, double faultSeconds, double settleSeconds, long runSeconds) {
        ObjectNode out = ChaosApi.JSON.createObjectNode();
        out.put("finished_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        out.put("jobs", v.jobs);
        out.put("terminal", v.terminal);
        out.put("stuck", v.stuck);
        out.put("lost", v.lost);
        out.put("duplicated", v.duplicated);
        out.put("orphans", v.orphans);
        out.put("api_5xx", api.serverErrors());
        out.put("count_mismatches", v.countMismatches);
        out.put("stored_mismatches", v.storedMismatches);
        out.put("unexplained_errors", v.unexplainedErrors);
        out.put("dlq_messages", v.dlqMessages);
        out.put("dlq_unexplained", v.dlqUnexplained);
        out.put("api_503_retry_after", api.unavailableWithRetryAfter());
        out.put("unowned_inputs", v.unownedInputs);
        out.put("purged_jobs", v.purged);
        out.put("faults_total", total(faults));
        ObjectNode byKind = out.putObject("faults");
        faults.forEach(byKind::put);
        ObjectNode where = out.putObject("faults_by_where");
        d.faultsByWhere().forEach(where::put);
        ObjectNode k = out.putObject("kills");
        k.put("kill_9", d.kills());
        k.put("halt_before_count", d.halts());
        k.put("total", d.kills() + d.halts());
        k.put("worker_starts", d.workerStarts());
        out.put("duplicate_deliveries", d.duplicates());
        out.put("repeated_requests", d.repeatedKeys());
        out.put("progress_polls", d.progressPolls());
        ObjectNode states = out.putObject("states");
        v.states.forEach(states::put);
        ObjectNode failedReasons = out.putObject("failed_reasons");
        v.failedReasons.forEach(failedReasons::put);
        ObjectNode chunkReasons = out.putObject("chunk_failure_reasons");
        v.chunkFailureReasons.forEach(chunkReasons::put);
        ObjectNode submissions = out.putObject("submissions");
        v.submissions.forEach(submissions::put);
        ObjectNode statuses = out.putObject("api_statuses");
        api.statuses().forEach((code, n) -> statuses.put(Integer.toString(code), n));
        ObjectNode examples = out.putObject("examples");
        v.examples.forEach((kind, list) -> list.forEach(examples.withArray(kind)::add));
        api.serverErrorExamples().forEach((req, body) -> examples.withArray("api_5xx").add(req + ": " + body));
        ObjectNode settings = out.putObject("settings");
        settings.put("jobs", s.jobs()).put("users", s.users()).put("fault_seconds_min", s.faultSeconds())
                .put("settle_seconds_max", s.settleSeconds())
                .put("settle_idle_s", s.settleIdle()).put("kill_every_s", s.killEveryMin() + "-"
                        + s.killEveryMax())
                .put("dynamodb_rate", s.dynamodbRate()).put("sqs_rate", s.sqsRate()).put("s3_rate", s.s3Rate())
                .put("halt_before_count_rate", s.haltRate()).put("api_fault_share", s.apiFaultShare())
                .put("llm_rate", s.llmRate()).put("pg_cuts_per_minute", s.pgCutsPerMinute())
                .put("queued_timeout_s", s.queuedTimeoutSeconds());
        ObjectNode timing = out.putObject("seconds");
        timing.put("faults", Math.round(faultSeconds));
        timing.put("settle", Math.round(settleSeconds));
        timing.put("run", runSeconds);
        return out;
    }

    /** The run in one line: the invariants' figures, then what was done to it. */
    static String line(JsonNode r) {
        StringBuilder out = new StringBuilder().append(r.path("jobs").asInt()).append(" jobs, ")
                .append(r.path("terminal").asInt()).append(" terminal");
        for (String field : List.of("stuck", "lost", "duplicated", "orphans", "api_5xx", "count_mismatches",
                "stored_mismatches", "unexplained_errors", "dlq_unexplained")) {
            out.append(", ").append(field).append(' ').append(r.path(field).asInt());
        }
        return out.append("; ").append(r.path("faults_total").asInt()).append(" faults, ")
                .append(r.path("kills").path("total").asInt()).append(" kills, settled in ")
                .append(r.path("seconds").path("settle").asInt()).append(" s").toString();
    }

    static void write(ChaosSettings s, ObjectNode summary) throws IOException {
        Files.createDirectories(s.out());
        String json = ChaosApi.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary);
        Files.writeString(s.out().resolve("summary.json"), json + "\n");
        ChaosMain.log("summary: %s (%s)", line(summary), s.out().resolve("summary.json"));
        if (s.docs() != null) {
            Files.writeString(s.docs(), page(summary));
            ChaosMain.log("page: %s", s.docs());
        }
    }

    private static String page(JsonNode r) {
        JsonNode set = r.path("settings");
        StringBuilder md = new StringBuilder();
        md.append("# Chaos run\n\n")
                .append("Written by `make chaos` from its last run (").append(r.path("finished_at").asText())
                .append("); every figure on this page comes from that run's `target/chaos/summary.json`.\n\n")
                .append("## What it proved\n\n")
                .append("| invariant | result |\n|---|---|\n")
                .append(row("jobs seen in the job table", r.path("jobs")))
                .append(row("terminal (completed, completed_with_errors, failed, cancelled)", r.path("terminal")))
                .append(row("stuck (pending or processing after the settle time)", r.path("stuck")))
                .append(row("lost (accepted, or dropped in the folder, with no job)", r.path("lost")))
                .append(row("duplicated (a memory stored twice, a chunk counted twice, one request or object "
                        + "making two jobs)", r.path("duplicated")))
                .append(row("orphans (rows, objects or items left by a purged job; rows of no job)",
                        r.path("orphans")))
                .append(row("API answers 5xx (other than 503 with Retry-After)", r.path("api_5xx")))
                .append(row("finished jobs whose counts differ from their chunk markers", r.path("count_mismatches")))
                .append(row("finished jobs whose counts differ from what Postgres stored (chunks, memories)",
                        r.path("stored_mismatches")))
                .append(row("failed or partly failed jobs without a reason per failed chunk",
                        r.path("unexplained_errors")))
                .append(row("dead letters whose job does not say it failed", r.path("dlq_unexplained")))
                .append("\nJobs by final state: ").append(inline(r.path("states"))).append(".\n\n")
                .append("Why jobs failed (ids and numbers folded): ").append(reasons(r.path("failed_reasons")))
                .append("\n\nWhy chunks of partly failed jobs failed: ")
                .append(reasons(r.path("chunk_failure_reasons")))
                .append("\n\n")
                .append("## What was done to it\n\n")
                .append("| fault | injected |\n|---|---|\n");
        r.path("faults").properties().forEach(f -> md.append(row("`" + f.getKey() + "`", f.getValue())));
        md.append(row("**total**", r.path("faults_total")))
                .append("\nWhere they were made: ").append(inline(r.path("faults_by_where")))
                .append(" (the API process's faults hit the users' requests, including ")
                .append(r.path("progress_polls").asInt()).append(" progress polls of users watching their jobs).\n")
                .append("\nWorker kills: ").append(r.path("kills").path("kill_9").asInt())
                .append(" by `kill -9` at random moments, ")
                .append(r.path("kills").path("halt_before_count").asInt())
                .append(" halts on the spot just before a chunk's DynamoDB count (after its Postgres commit); ")
                .append("the worker ")
                .append("was started ").append(r.path("kills").path("worker_starts").asInt()).append(" times.\n")
                .append("Duplicate deliveries: ").append(r.path("duplicate_deliveries").asInt())
                .append(" split requests sent again to the ingest queue; ").append(r.path("repeated_requests").asInt())
                .append(" requests repeated with the same Idempotency-Key.\n\n")
                .append("Submissions: ").append(inline(r.path("submissions"))).append(".\n\n")
                .append("API answers by status (every attempt): ").append(inline(r.path("api_statuses")))
                .append(". A 503 with Retry-After (").append(r.path("api_503_retry_after").asInt())
                .append(") is the API's answer when S3, SQS or DynamoDB failed under it: nothing was accepted and the ")
                .append("client retried with the same Idempotency-Key.\n\n")
                .append("Dead letters at the end: ").append(r.path("dlq_messages").asInt())
                .append(". Stored inputs no job points to (a submission answered 503 after its input was stored): ")
                .append(r.path("unowned_inputs").asInt()).append(".\n\n")
                .append("## Settings\n\n")
                .append("| setting | value |\n|---|---|\n");
        set.properties().forEach(f -> md.append(row(f.getKey(), f.getValue())));
        md.append("\nFaults ran ").append(r.path("seconds").path("faults").asInt())
                .append(" s; the jobs settled ").append(r.path("seconds").path("settle").asInt())
                .append(" s after they stopped; the whole run took ").append(r.path("seconds").path("run").asInt())
                .append(" s.\n\n")
                .append("## How the faults are made\n\n")
                .append("- AWS: `FaultInjection`, an AWS SDK execution interceptor of the DynamoDB, SQS and S3 ")
                .append("clients, ")
                .append("listed only in the chaos run's own build and inert unless `engram.fault-injection.enabled`. ")
                .append("DynamoDB transactions are cancelled with `TransactionConflict` or `ThrottlingError` among ")
                .append("the reasons, other DynamoDB calls throttled (`ProvisionedThroughputExceededException`); ")
                .append("SQS and S3 calls answer 500/503 or time out, before the request is sent or after the ")
                .append("service did it. Polling and provisioning calls are spared. The API process gets the ")
                .append("worker's rates times `api_fault_share`.\n")
                .append("- Postgres: both processes reach it through a TCP proxy that resets random live ")
                .append("connections, wherever their transaction stands.\n")
                .append("- LLM: extraction goes to a fake OpenAI-compatible server that answers a share of calls ")
                .append("429 (with Retry-After), 500, malformed JSON or slowly (3 s).\n")
                .append("- Kills: the worker process (the local runner's stages) is killed with `kill -9` and ")
                .append("restarted; the split and process stages run with 20 s invocation deadlines and 30 s ")
                .append("visibility timeouts, so a killed delivery comes back within the run.\n\n")
                .append(STATIC_SECTIONS);
        return md.toString();
    }

    /** What the page says of every run, whatever its figures. */
    static final String STATIC_SECTIONS = """
            ## How the run ends

            When the faults stop the run waits for the jobs to settle, and the wait follows progress rather than the \
            clock: it ends once every job is terminal, the work queues hold no message (visible, in flight or \
            delayed) and nothing changed for 20 s. As long as the job table or the queues keep changing it waits on \
            (a loaded machine is slower, not wrong), up to `chaos.settle-seconds` in all; only after \
            `chaos.settle-idle-seconds` without any change (by default the queued timeout plus a minute, longer than \
            any of Engram's own timers) is a job still unfinished counted stuck. The invariants are then read from \
            the stores: the job table, the dead-letter queues, the bucket and Postgres. A finished job's counts must \
            equal its chunk markers, and also what Postgres stored: every chunk counted done has its chunk row, \
            `memories_extracted` equals the memories stored for the done chunks, and no chunk row or memory of the \
            job went uncounted.

            ## The short run in `make test`

            `make chaos-short` is the same run at 40 jobs and 60 s of faults, a kill every 10-20 s, a 90 s queued \
            timeout, results in `target/chaos-short/summary.json` and no page. It is the last phase of `make test` \
            (after the worker and api variants; `TEST_CHAOS=false` leaves it out), which prints its summary line and \
            fails when any invariant above does not hold. It takes about three minutes plus its build.
            """;

    private static String reasons(JsonNode object) {
        if (object.isEmpty()) {
            return "none.";
        }
        StringBuilder out = new StringBuilder();
        object.properties().forEach(f -> out.append("\n- ").append(f.getValue().asInt()).append(" x \"")
                .append(f.getKey()).append('"'));
        return out.toString();
    }

    private static String row(String name, JsonNode value) {
        return "| " + name + " | " + value.asText() + " |\n";
    }

    private static String inline(JsonNode object) {
        StringBuilder out = new StringBuilder();
        object.properties().forEach(f -> out.append(out.isEmpty() ? "" : ", ").append(f.getKey()).append(' ')
                .append(f.getValue().asText()));
        return out.toString();
    }
}
