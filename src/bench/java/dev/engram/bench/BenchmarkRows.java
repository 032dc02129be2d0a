package dev.engram.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page's lines on the pipeline and API figures: what each measures (with the run's settings) and what limits it
 * (with the run's own figures).
 */
final class BenchmarkRows {

    private BenchmarkRows() {
    }

    /** The rows of "What each figure measures" for the pipeline, its ceilings and the API. */
    static String measures() {
        int threads = Bench.THREADS;
        int batch = Ceiling.BATCH;
        String graph = BenchMain.GRAPH ? "on (`bench.graph=true`)" : "off (`bench.graph`; neither the ceiling nor"
                + " the peers build a graph)";
        return String.join("\n", List.of(
                row("`pipeline_vs_ceiling`", "chunks/s end to end: generated meeting notes submitted through `POST"
                        + " /api/v1/memories/extract` (async, `auto_save`) to Engram started from the built jar"
                        + " (`QUARKUS_PROFILE=local`, own queue prefix, table, bucket and database; the knowledge-graph"
                        + " stage " + graph + "), split stage, chunk queue, process stage, pending memories in"
                        + " Postgres, auto-save; timed from the first submission until the last chunk's row is"
                        + " committed. Engram runs with the JVM options of the deployed functions (`JAVA_TOOL_OPTIONS`"
                        + " in `template.yaml`), after a warm-up of as many documents (another seed) in two rounds and"
                        + " an `ANALYZE`. Each measured run submits as another user, so no run meets the previous one's"
                        + " memories as duplicates; the saved-memories table (and its HNSW index) grows from run to run",
                        "the same chunks (`Chunker` 400/48 tokens, numbered per document, one job and extraction per"
                        + " document) through the process stage's own code in the driver's process, with no queue, job"
                        + " record or HTTP: `RulesExtractor`, the overlap filter and `LocalEmbedder` through"
                        + " `Proposals`, on batches of " + batch + " chunks (the chunk queue's batch size); each batch"
                        + " stored by `PendingMemoryStore.storeAll` (what the process stage's `ReviewInbox` calls: one"
                        + " transaction, advisory locks, chunk rows, duplicate look-ups, pending rows) on a pool of "
                        + BenchMain.STORE_POOL + " connections, as Engram's; a document's memories auto-saved by"
                        + " `ReviewService.autoSave` (the code auto-save runs: same lock, SQL and indexed `memories`"
                        + " table) by the thread that stored its last chunk, as the process stage does when a job"
                        + " finishes. " + threads + " caller threads, as Engram has chunk pollers and embedding threads;"
                        + " warmed up on the warm-up corpus as a user of its own; each run its own user; the clock"
                        + " stops when the last chunk is stored, as the pipeline's does. Ceiling run *i* runs just"
                        + " before pipeline run *i*, and pipeline run *i* is divided by it"),
                row("`pipeline_vs_compute`", "the same chunks/s end to end",
                        "the process stage's compute alone on the same chunks, in the driver before Engram starts:"
                        + " extraction and embedding as above, nothing stored; run *i* of the pipeline is divided by"
                        + " compute run *i*"),
                row("`vs_langchain4j_ingestor`", "seconds from the first submission until every job is `completed` and"
                        + " its memories auto-saved into `memories` (HNSW and full-text indexed, searchable), watched"
                        + " through `GET /api/v1/jobs` every 50 ms", "LangChain4j's `EmbeddingStoreIngestor`, set up as"
                        + " in the table below; timed around `ingest()`; run *i* of the peer is divided by run *i* of"
                        + " Engram"),
                row("`vs_spring_ai_ingestion`", "the same seconds as for `vs_langchain4j_ingestor`", "Spring AI's"
                        + " `TokenTextSplitter` and `PgVectorStore.add`, set up as in the second table below; timed"
                        + " from the split until `add()` returned; run *i* of the peer is divided by run *i* of Engram"),
                row("`store_vs_copy`", "memories/s through `PendingMemoryStore.store` (per chunk: one transaction,"
                        + " advisory lock, chunk row, two batched duplicate look-ups for all its memories, batched"
                        + " insert), " + threads + " caller threads; measured once", "one `COPY ... FROM STDIN (csv)` of"
                        + " the same memory rows into a table `LIKE pending_memories INCLUDING ALL`"),
                row("`graph_extract_p95_ratio`", String.format(Locale.ROOT, "p95 latency of accepted (202) async"
                        + " extract requests at %.0f req/s for %.0f s (open loop, after a %.0f s warm-up) with the"
                        + " knowledge graph on (`ENGRAM_GRAPH_ENABLED=true`, rules provider), while a backlog of the"
                        + " corpus's documents is processed and graphed; each run starts Engram from the built jar on"
                        + " fresh queues", GraphLatency.RATE, GraphLatency.SECONDS, BenchMain.API_WARMUP_SECONDS),
                        "the same, with the graph off, right before it; run *i* on is divided by run *i* off"),
                row("`api_overhead_ratio`", String.format(Locale.ROOT, "p50 latency of accepted (202) async extract"
                        + " requests (700-character notes, %d users) offered at %.0f req/s, open loop: request *i* is"
                        + " due at start + *i*/rate and its latency counts from then (no coordinated omission); %.0f s"
                        + " per run after a %.0f s warm-up, with only what these requests queue behind them",
                        BenchMain.API_USERS, ApiOverhead.RATE, ApiOverhead.SECONDS, BenchMain.API_WARMUP_SECONDS),
                        "p50 of the same calls made by the driver itself, offered at the same rate at the same time"
                        + " (the two schedules half an interval apart): the input's S3 put and the job record's"
                        + " DynamoDB put at once (the item built by Engram's own mapping), then the split request's SQS"
                        + " send (to a queue of the run's own), through URL-connection SDK clients like Engram's"),
                row("`api_capacity_rps`", String.format(Locale.ROOT, "a step ramp of open-loop load like the above, %s"
                        + " req/s, %.0f s a step, each step starting when the previous step's answers are in; the ramp"
                        + " stops at the first step whose p95 exceeds %.0f ms or that loses a request, and the figure"
                        + " is the rate of the last step that held (0 if the first did not). Before each ramp the"
                        + " measured corpus is queued again (another user, `auto_save`), so the pipeline works through"
                        + " the whole ramp", steps(), ApiCapacity.STEP_SECONDS, ApiCapacity.P95_LIMIT_MS), "-"),
                row("`api_p95_ms`", String.format(Locale.ROOT, "p95 of accepted requests at %.0f req/s, open loop"
                        + " as above, %.0f s per run after a %.0f s warm-up, %d users, while the pipeline works through"
                        + " what the ramps and these requests queue", BenchMain.API_RATE, BenchMain.API_SECONDS,
                        BenchMain.API_WARMUP_SECONDS, BenchMain.API_USERS), "-")));
    }

    /** The "what limits" item of the two pipeline ratios, with the first runs' CPU accounts. */
    @SuppressWarnings("unchecked")
    static String ceilingLimits(Map<String, Object> details) {
        String cpu = "";
        if (details.get("ceiling") instanceof Map<?, ?> c && c.get("cpu_seconds_by_process_first_run") instanceof Map<?, ?> ce
                && details.get("pipeline") instanceof Map<?, ?> p
                && p.get("cpu_seconds_by_process_first_run") instanceof Map<?, ?> pe) {
            Map<String, Double> top = (Map<String, Double>) ce;
            Map<String, Double> e2e = (Map<String, Double>) pe;
            cpu = String.format(Locale.ROOT, " In this run's first pair, the ceiling took %.1f s of wall time and"
                    + " its processes %.1f CPU seconds (driver %.1f, Postgres %.1f, the idle Engram %.1f, stand-ins"
                    + " %.1f; other work on the machine %.1f); the pipeline took %.1f s and %.1f CPU seconds (Engram"
                    + " %.1f, Postgres %.1f, stand-ins %.1f, driver %.1f; other work %.1f).",
                    top.getOrDefault("wall", 0.0), used(top), top.getOrDefault("bench_driver", 0.0),
                    top.getOrDefault("postgres", 0.0), top.getOrDefault("engram", 0.0),
                    top.getOrDefault("aws_stand_ins", 0.0), top.getOrDefault("other", 0.0),
                    e2e.getOrDefault("wall", 0.0), used(e2e), e2e.getOrDefault("engram", 0.0),
                    e2e.getOrDefault("postgres", 0.0), e2e.getOrDefault("aws_stand_ins", 0.0),
                    e2e.getOrDefault("bench_driver", 0.0), e2e.getOrDefault("other", 0.0));
            if (details.get("corpus") instanceof Map<?, ?> corpus && corpus.get("chunks") instanceof Number n) {
                cpu += cpuBound(top, e2e, n.intValue(), Runtime.getRuntime().availableProcessors());
            }
        }
        return "- **`pipeline_vs_ceiling`.** Both sides extract, embed, run the same SQL on the same tables and"
                + " auto-save on the same cores; what the pipeline pays on top is its orchestration: the submissions"
                + " (HTTP, S3 put and get of the input, DynamoDB job records), the split stage, SQS sends, receives and"
                + " deletes of every chunk, DynamoDB chunk counts and job completion, progress records, and the"
                + " AWS stand-ins that serve them, which share the two cores. Three differences remain that are not"
                + " orchestration: Engram runs with the deployed functions' JVM options (C1 only) where the driver"
                + " runs the JVM's default compilers; Engram's pollers and embedding threads run at nice 10 so"
                + " that the API is served first; and Engram's graph stage, though off, still follows each"
                + " auto-save's reviews in a short transaction, an event the ceiling fires to nobody." + cpu
                + " On AWS the stand-ins are services on machines of their own. `-Dbench.only=pipeline` with `-Dbench.engram-jvm-opts=...` (a flight recording, or"
                + " `-XX:TieredStopAtLevel=4` for C2) reruns just this part to look closer.\n"
                + "- **`pipeline_vs_compute`.** The store is left out of this baseline: the gap to it is the store"
                + " (duplicate look-ups, inserts, the auto-save into the HNSW and full-text indexes) plus the"
                + " orchestration; `store_vs_copy` shows the store's share.";
    }

    /** The "what limits" items of the API figures, with the run's capacity and overhead. */
    static String apiLimits(Map<String, Object> details) {
        return "- **`api_capacity_rps` and `api_p95_ms`.** Locally the API shares the two cores with the whole"
                + " pipeline (the local runner's pollers and embedding threads in the same JVM, at nice 10), with"
                + " Postgres and with the AWS stand-ins it calls on every request (S3 put, DynamoDB put, SQS send);"
                + " while the pipeline has work it keeps both cores busy, so a request's latency is mostly its wait"
                + " for a core and the capacity measured here is a figure of this machine, not of the API's code."
                + capacityMeasured(details) + " It has no goal for that reason. On AWS the API is a Lambda function"
                + " of its own: each request in flight has an execution environment of its own and shares no CPU with the workers, so"
                + " its latency is the API's own work plus the AWS calls (what `api_overhead_ratio` measures), and its"
                + " capacity grows with concurrency (the account's Lambda concurrency and the per-user rate limit),"
                + " not with a count of cores.\n"
                + "- **`api_overhead_ratio`.** What Engram adds to the three calls it must make: Vert.x and RESTEasy,"
                + " JWT verification, validation, the per-user rate limit, JSON, and its own threads; both sides meet"
                + " the same stand-ins and the same cores at the same moment. The pipeline works meanwhile only"
                + " through what the Engram side's requests queue, so Engram's process is busier than the driver's.";
    }

    /**
     * What the ramps measured, in words: the step each held up to, or that none held and the p95 at the lowest step
     * (a capacity of 0 is no rate at all).
     */
    @SuppressWarnings("unchecked")
    static String capacityMeasured(Map<String, Object> details) {
        if (!(details.get("api_capacity") instanceof Map<?, ?> capacity)
                || !(capacity.get("ramps") instanceof List<?> ramps) || ramps.isEmpty()) {
            return "";
        }
        List<String> held = new ArrayList<>();
        List<String> firstP95 = new ArrayList<>();
        String lowest = "";
        for (Object r : ramps) {
            Map<String, Object> ramp = (Map<String, Object>) r;
            double rps = ((Number) ramp.get("capacity_rps")).doubleValue();
            List<Map<String, Object>> steps = (List<Map<String, Object>>) ramp.getOrDefault("steps", List.of());
            if (rps > 0) {
                held.add(String.format(Locale.ROOT, "%.0f req/s", rps));
            } else if (!steps.isEmpty()) {
                lowest = String.format(Locale.ROOT, "%.0f req/s", ((Number) steps.get(0).get("offered_per_s"))
                        .doubleValue());
                firstP95.add(String.format(Locale.ROOT, "%.0f ms", ((Number) steps.get(0).get("p95_ms"))
                        .doubleValue()));
            }
        }
        if (held.isEmpty()) {
            return String.format(Locale.ROOT, " In this run no step held in any of the %d ramps: at the lowest step,"
                    + " %s, the p95 was already %s (one figure per ramp).", ramps.size(), lowest,
                    String.join(", ", firstP95));
        }
        String none = firstP95.isEmpty() ? "" : String.format(Locale.ROOT, "; in %d ramp%s no step held (p95 %s at"
                + " %s)", firstP95.size(), firstP95.size() == 1 ? "" : "s", String.join(", ", firstP95), lowest);
        return String.format(Locale.ROOT, " In this run the p95 held up to %s (one figure per ramp that held)%s.",
                String.join(", ", held), none);
    }

    private static String row(String figure, String engram, String baseline) {
        return "| " + figure + " | " + engram + " | " + baseline + " |";
    }

    /** The share of the machine's cores a run kept busy, other work included. */
    private static double busy(Map<String, Double> cpu, int cores) {
        double wall = cpu.getOrDefault("wall", 0.0);
        return wall <= 0 ? 0 : (used(cpu) + cpu.getOrDefault("other", 0.0)) / (wall * cores);
    }

    /**
     * Whether CPU bounds the two runs of the first pair and, when it does, the pipeline's CPU per chunk against the
     * ceiling's: with both on saturated cores, their throughputs stand in the ratio of their CPU per chunk, and the
     * pipeline's extra splits into Engram's own work (over the driver's), the stand-ins' and Postgres's.
     */
    static String cpuBound(Map<String, Double> top, Map<String, Double> e2e, int chunks, int cores) {
        double topBusy = busy(top, cores);
        double e2eBusy = busy(e2e, cores);
        if (chunks <= 0 || topBusy < 0.85 || e2eBusy < 0.85) {
            return String.format(Locale.ROOT, " The cores were busy %.0f%% of the ceiling's run and %.0f%% of the"
                    + " pipeline's, other work included: below 85%%, so what held the slower one back was waiting,"
                    + " not CPU (a flight recording shows on what).", 100 * topBusy, 100 * e2eBusy);
        }
        double topMs = 1000 * used(top) / chunks;
        double e2eMs = 1000 * used(e2e) / chunks;
        double standIns = 1000 * (e2e.getOrDefault("aws_stand_ins", 0.0) - top.getOrDefault("aws_stand_ins", 0.0))
                / chunks;
        double engram = 1000 * (e2e.getOrDefault("engram", 0.0) + e2e.getOrDefault("bench_driver", 0.0)
                - top.getOrDefault("engram", 0.0) - top.getOrDefault("bench_driver", 0.0)) / chunks;
        double postgres = 1000 * (e2e.getOrDefault("postgres", 0.0) - top.getOrDefault("postgres", 0.0)) / chunks;
        return String.format(Locale.ROOT, " The cores were busy %.0f%% of the ceiling's run and %.0f%% of the"
                + " pipeline's, other work included: CPU is what bounds both, so their throughputs stand about as"
                + " their CPU per chunk does. The ceiling used %.0f ms of CPU per chunk and the pipeline %.0f, a ratio"
                + " of %.2f. Of the %.0f ms the pipeline spent on top, Engram's own work beyond the driver's took"
                + " %.0f, the AWS stand-ins %.0f and Postgres %.0f. The stand-ins' share runs on AWS's machines, not"
                + " the functions'; without it the ratio of CPU per chunk would be %.2f.", 100 * topBusy,
                100 * e2eBusy, topMs, e2eMs, topMs / e2eMs, e2eMs - topMs, engram, standIns, postgres,
                topMs / (e2eMs - Math.max(0, standIns)));
    }

    private static double used(Map<String, Double> cpu) {
        return cpu.entrySet().stream().filter(e -> !e.getKey().equals("wall") && !e.getKey().equals("other"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static String steps() {
        return String.join(", ", ApiCapacity.STEPS.stream().map(r -> String.format(Locale.ROOT, "%.0f", r))
                .toList());
    }
}
