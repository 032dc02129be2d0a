package dev.engram.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the run's figures and writes them as JSON, as a table and as the benchmarks document. */
final class Report {

    record Fixtures(int files, long bytes, double seconds, Map<String, Integer> states) {
    }

    /** One line of the summary table; {@code spread} is null for a figure measured once. */
    record Metric(String name, double value, String unit, String goal, Boolean holds, String detail, Spread spread) {

        Metric(String name, double value, String unit, String goal, Boolean holds, String detail) {
            this(name, value, unit, goal, holds, detail, null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> machine = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final String startedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    private List<Ceiling.Result> computes;
    private List<StoredCeiling.Result> ceilings;
    private List<LangChain4jIngest.Result> peers;
    private List<SpringAiPeer.Result> springAi;

    Report() {
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("memory_gib", Math.round(MachineInfo.memoryKb() / 1024.0 / 1024.0 * 10) / 10.0);
        machine.put("cpu", MachineInfo.cpuModel());
        machine.put("os", MachineInfo.os());
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        machine.put("load_average_at_start", MachineInfo.loadAverage());
    }

    Map<String, Object> machine() {
        return machine;
    }

    void corpus(int documents, int chars, int chunks) {
        details.put("corpus", Map.of("documents", documents, "characters", chars, "chunks", chunks));
    }

    /** The process stage's compute alone (extraction and embedding), the runs in order. */
    void compute(List<Ceiling.Result> runs) {
        computes = runs;
        Ceiling.Result r = runs.get(0);
        details.put("compute", Map.of("chunks", r.chunks(), "memories", r.memories(), "threads", Bench.THREADS,
                "seconds", rounded(runs.stream().map(Ceiling.Result::seconds).toList()),
                "chunks_per_s", rounded(runs.stream().map(Ceiling.Result::chunksPerSecond).toList())));
    }

    /** The compute with its store and auto-save, in-process, the runs in order; CPU of the first run by process. */
    void ceiling(List<StoredCeiling.Result> runs, Map<String, Double> cpuSeconds) {
        ceilings = runs;
        StoredCeiling.Result r = runs.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chunks", r.chunks());
        m.put("pending_memories", r.pendingMemories());
        m.put("saved_memories", r.savedMemories());
        m.put("threads", Bench.THREADS);
        m.put("batch", Ceiling.BATCH);
        m.put("pool", BenchMain.STORE_POOL);
        m.put("seconds", rounded(runs.stream().map(StoredCeiling.Result::seconds).toList()));
        m.put("chunks_per_s", rounded(runs.stream().map(StoredCeiling.Result::chunksPerSecond).toList()));
        m.put("searchable_seconds", rounded(runs.stream().map(StoredCeiling.Result::searchableSeconds).toList()));
        m.put("cpu_seconds_by_process_first_run", cpuSeconds);
        details.put("ceiling", m);
    }

    /** ONNX Runtime with one intra-op thread per run against its default, the same embedder and warm-up. */
    void onnxThreads(Ceiling.Result one, Ceiling.Result libraryDefault) {
        details.put("onnx_intra_op_threads", Map.of("one_per_run_chunks_per_s", round(one.chunksPerSecond()),
                "library_default_chunks_per_s", round(libraryDefault.chunksPerSecond()),
                "one_vs_default", round(one.chunksPerSecond() / libraryDefault.chunksPerSecond())));
    }

    void langchain4j(List<LangChain4jIngest.Result> runs) {
        peers = runs;
        LangChain4jIngest.Result r = runs.get(0);
        details.put("langchain4j", Map.of("documents", r.documents(), "segments", r.segments(),
                "seconds", rounded(runs.stream().map(LangChain4jIngest.Result::seconds).toList())));
    }

    void springAi(List<SpringAiPeer.Result> runs) {
        springAi = runs;
        details.put("spring_ai", SpringAiFigures.details(runs));
    }

    /** The end-to-end runs, each paired with the ceiling and the peer run of the same index. */
    void pipeline(List<PipelineRun.Result> runs, Map<String, Double> cpuSeconds) {
        PipelineRun.Result r = runs.get(0);
        details.put("pipeline", Map.of("chunks", r.chunks(), "pending_memories", r.pendingMemories(),
                "saved_memories", r.savedMemories(), "jobs", r.states(),
                "chunks_seconds", rounded(runs.stream().map(PipelineRun.Result::chunksSeconds).toList()),
                "chunks_per_s", rounded(runs.stream().map(PipelineRun.Result::chunksPerSecond).toList()),
                "searchable_seconds", rounded(runs.stream().map(PipelineRun.Result::searchableSeconds).toList()),
                "cpu_seconds_by_process_first_run", cpuSeconds));
        List<Double> vsCeiling = new ArrayList<>();
        List<Double> vsCompute = new ArrayList<>();
        List<Double> vsPeer = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            vsCeiling.add(runs.get(i).chunksPerSecond() / ceilings.get(i % ceilings.size()).chunksPerSecond());
            vsCompute.add(runs.get(i).chunksPerSecond() / computes.get(i % computes.size()).chunksPerSecond());
            vsPeer.add(peers.get(i % peers.size()).seconds() / runs.get(i).searchableSeconds());
        }
        Spread c = Spread.of(vsCeiling);
        Spread e2e = Spread.of(runs.stream().map(PipelineRun.Result::chunksPerSecond).toList());
        Spread top = Spread.of(ceilings.stream().map(StoredCeiling.Result::chunksPerSecond).toList());
        metrics.add(new Metric("pipeline_vs_ceiling", c.median(), "x", ">= 0.85", c.median() >= 0.85,
                String.format(Locale.ROOT, "median %.2f vs %.2f chunks/s (%d chunks, %d threads; the ceiling"
                        + " extracts, embeds, stores and auto-saves in-process); %s", e2e.median(), top.median(),
                        r.chunks(), Bench.THREADS, c.range("%.2f")), c));
        Spread v = Spread.of(vsCompute);
        Spread compute = Spread.of(computes.stream().map(Ceiling.Result::chunksPerSecond).toList());
        metrics.add(new Metric("pipeline_vs_compute", v.median(), "x", "report", null,
                String.format(Locale.ROOT, "median %.2f vs %.2f chunks/s of extraction and embedding alone; %s",
                        e2e.median(), compute.median(), v.range("%.2f")), v));
        Spread p = Spread.of(vsPeer);
        Spread lc = Spread.of(peers.stream().map(LangChain4jIngest.Result::seconds).toList());
        Spread searchable = Spread.of(runs.stream().map(PipelineRun.Result::searchableSeconds).toList());
        metrics.add(new Metric("vs_langchain4j_ingestor", p.median(), "x", ">= 1.5", p.median() >= 1.5,
                String.format(Locale.ROOT, "median LangChain4j %.1f s (%d segments) / Engram %.1f s (%d memories"
                        + " saved); %s", lc.median(), peers.get(0).segments(), searchable.median(), r.savedMemories(),
                        p.range("%.2f")), p));
        if (springAi != null) {
            metrics.add(SpringAiFigures.vsEngram(springAi, runs));
        }
    }

    /** The remote-provider run: throughput with a quota that does not bind, utilisation under one that does. */
    void remote(RemoteRun.Result r) {
        RemoteRun.Throughput t = r.throughput();
        RemoteRun.Quota q = r.quota();
        double perThousand = 1000.0 / t.chunks();
        Map<String, Double> cpuPerThousand = new LinkedHashMap<>();
        t.cpuSeconds().forEach((part, s) -> {
            if (!part.equals("wall")) {
                cpuPerThousand.put(part, round(s * perThousand));
            }
        });
        double used = t.cpuSeconds().entrySet().stream().filter(e -> !e.getKey().equals("wall"))
                .mapToDouble(Map.Entry::getValue).sum();
        double offered = t.cpuSeconds().getOrDefault("wall", t.seconds()) * Runtime.getRuntime().availableProcessors();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", t.documents());
        m.put("chunks", t.chunks());
        m.put("chunk_pollers", r.pollers());
        m.put("batch_size", RemoteRun.BATCH);
        m.put("provider", Map.of("chat_ms", RemoteRun.CHAT_MS, "chat_jitter_ms", RemoteRun.CHAT_JITTER_MS,
                "embed_ms", RemoteRun.EMBED_MS, "configured_rpm", RemoteRun.CONFIGURED_RPM));
        m.put("seconds", round(t.seconds()));
        m.put("chunks_per_min", round(t.chunksPerMinute()));
        m.put("runs", r.runs().size());
        m.put("chunks_per_min_runs", r.runs().stream().map(x -> round(x.chunksPerMinute())).toList());
        m.put("lambda_usd_per_million_chunks_runs", r.runs().stream().map(x -> round(x.cost().total())).toList());
        m.put("jobs", t.states());
        m.put("provider_answers", t.provider());
        m.put("cpu_seconds", t.cpuSeconds());
        m.put("cpu_seconds_per_1000_chunks", cpuPerThousand);
        m.put("machine_cpu_busy_share", round(used / offered));
        m.put("engram_cpu_seconds_by_thread", t.engramThreads());
        m.put("sqs_requests", t.sqs().requests());
        m.put("dynamodb_requests", t.dynamodb().requests());
        m.put("dynamodb_units", Map.of("write", round(t.dynamodb().writeUnits()), "read",
                round(t.dynamodb().readUnits())));
        m.put("postgres", t.postgres());
        m.put("lambda_usd_per_million_chunks", t.cost().usdPerMillionChunks());
        m.put("cost_inputs", t.cost().inputs());
        m.put("prices", LambdaCost.PRICES);
        Map<String, Object> quota = new LinkedHashMap<>();
        quota.put("quota_rpm", q.quotaRpm());
        quota.put("engram_configured_rpm", q.configuredRpm());
        quota.put("chunks", q.chunks());
        quota.put("seconds", round(q.seconds()));
        quota.put("achieved_rpm", round(q.achievedRpm()));
        quota.put("window_seconds", round(q.windowSeconds()));
        quota.put("answers_after_a_gap_of_5_s", q.answersAfterGap());
        quota.put("last_answer_seconds", round(q.lastAnswerSeconds()));
        quota.put("settle_seconds_left_out", RemoteRun.QUOTA_SETTLE_SECONDS);
        quota.put("jobs", q.states());
        quota.put("provider_answers", q.provider());
        quota.put("engram_limiter_rpm_at_end", round(q.limiterRpmAtEnd()));
        quota.put("runs", r.quotas().size());
        quota.put("utilisation_runs", r.quotas().stream().map(x -> round(x.utilisation())).toList());
        quota.put("nothing_lost_in_every_run", r.nothingLost());
        m.put("quota", quota);
        if (details.get("pipeline") instanceof Map<?, ?> offline) {
            @SuppressWarnings("unchecked")
            List<Double> perSecond = (List<Double>) offline.get("chunks_per_s");
            @SuppressWarnings("unchecked")
            Map<String, Double> cpu = (Map<String, Double>) offline.get("cpu_seconds_by_process_first_run");
            int chunks = (Integer) offline.get("chunks");
            Map<String, Object> compare = new LinkedHashMap<>();
            compare.put("offline_chunks_per_min_median", round(Spread.of(perSecond).median() * 60));
            if (cpu != null) {
                Map<String, Double> offlinePerThousand = new LinkedHashMap<>();
                cpu.forEach((part, s) -> {
                    if (!part.equals("wall")) {
                        offlinePerThousand.put(part, round(s * 1000.0 / chunks));
                    }
                });
                compare.put("offline_cpu_seconds_per_1000_chunks", offlinePerThousand);
            }
            m.put("offline_same_run", compare);
        }
        details.put("remote", m);
        Spread perMinute = r.chunksPerMinute();
        metrics.add(new Metric("remote_chunks_per_min", perMinute.median(), "chunks/min", ">= 15000",
                perMinute.median() >= 15_000, String.format(Locale.ROOT, "%d chunks (%d documents) through an"
                        + " OpenAI-compatible stand-in (%d±%d ms a chat answer, %d ms an embedding request), %d"
                        + " chunk pollers, batches of %d; %s; the median run: first submission to last job finished"
                        + " %.0f s, machine CPU busy %.0f%%", t.chunks(), t.documents(), RemoteRun.CHAT_MS,
                        RemoteRun.CHAT_JITTER_MS, RemoteRun.EMBED_MS, r.pollers(), RemoteRun.BATCH,
                        perMinute.range("%.0f"), t.seconds(), 100 * used / offered)));
        Spread utilisation = r.utilisation();
        metrics.add(new Metric("remote_quota_utilisation", utilisation.median(), "x", ">= 0.95, nothing lost",
                utilisation.median() >= 0.95 && r.nothingLost(), String.format(Locale.ROOT, "%s, each on a fresh"
                        + " Engram; nothing lost in %s; the median run: %.0f of a %d/min quota (429 +"
                        + " x-ratelimit-*), %d chunks, %d answered 429, %d answers after the steady part (last at %.0f"
                        + " s); jobs %s", utilisation.range("%.2f"), r.nothingLost() ? "any run" : "not every run",
                        q.achievedRpm(), q.quotaRpm(), q.chunks(), q.provider().chatThrottled(), q.answersAfterGap(),
                        q.lastAnswerSeconds(), q.states())));
        metrics.add(new Metric("lambda_usd_per_million_chunks", t.cost().total(), "USD", "report", null,
                String.format(Locale.ROOT, "process %.2f + split %.2f compute, invocations %.2f, SQS %.2f, DynamoDB"
                        + " %.2f, Aurora I/O %.2f (us-east-1 list prices; method below); %.2f if the process stage"
                        + " were billed for its local wall time; from the median run (all runs: %s)",
                        t.cost().usdPerMillionChunks().get("process_compute"),
                        t.cost().usdPerMillionChunks().get("split_compute"),
                        t.cost().usdPerMillionChunks().get("process_requests")
                                + t.cost().usdPerMillionChunks().get("split_requests"),
                        t.cost().usdPerMillionChunks().get("sqs"), t.cost().usdPerMillionChunks().get("dynamodb"),
                        t.cost().usdPerMillionChunks().get("aurora_io"),
                        t.cost().usdPerMillionChunks().get("total_at_local_wall_time"),
                        r.runs().stream().map(x -> String.format(Locale.ROOT, "%.2f", x.cost().total()))
                                .collect(java.util.stream.Collectors.joining(", ")))));
    }

    void fixtures(Fixtures f) {
        details.put("fixtures", Map.of("files", f.files(), "bytes", f.bytes(), "seconds", round(f.seconds()),
                "jobs", f.states()));
    }

    void store(StoreVsCopy.Result r) {
        details.put("store", Map.of("chunks", r.chunks(), "memories", r.memories(), "store_per_s",
                round(r.storePerSecond()), "copy_per_s", round(r.copyPerSecond()), "threads", Bench.THREADS));
        metrics.add(new Metric("store_vs_copy", r.storePerSecond() / r.copyPerSecond(), "x", "report", null,
                String.format(Locale.ROOT, "store path %.0f memories/s vs COPY %.0f/s (%d memories)",
                        r.storePerSecond(), r.copyPerSecond(), r.memories())));
    }

    void api(List<OpenLoopLoad.Result> runs) {
        List<Map<String, Object>> each = runs.stream().map(Report::latencies).toList();
        details.put("api", each);
        Spread p95 = Spread.of(runs.stream().map(OpenLoopLoad.Result::p95).toList());
        Spread p50 = Spread.of(runs.stream().map(OpenLoopLoad.Result::p50).toList());
        int failed = runs.stream().mapToInt(OpenLoopLoad.Result::failed).sum();
        int sent = runs.stream().mapToInt(OpenLoopLoad.Result::sent).sum();
        OpenLoopLoad.Result first = runs.get(0);
        metrics.add(new Metric("api_p95_ms", p95.median(), "ms", "report", null,
                String.format(Locale.ROOT, "%.0f req/s open loop for %.0f s per run: median p50 %.1f ms; p95 %s;"
                        + " %d/%d accepted", first.rate(), first.seconds(), p50.median(), p95.range("%.0f"),
                        sent - failed, sent), p95));
    }

    /** Engram's submissions against the same AWS calls made directly, at the same rate and time. */
    void apiOverhead(List<ApiOverhead.Result> runs) {
        List<Map<String, Object>> each = new ArrayList<>();
        for (ApiOverhead.Result r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("offered_per_s", r.engram().rate());
            m.put("engram", latencies(r.engram()));
            m.put("direct_calls", latencies(r.direct()));
            m.put("p50_ratio", round(r.ratio()));
            each.add(m);
        }
        details.put("api_overhead", each);
        Spread ratio = Spread.of(runs.stream().map(ApiOverhead.Result::ratio).toList());
        Spread engram = Spread.of(runs.stream().map(r -> r.engram().p50()).toList());
        Spread direct = Spread.of(runs.stream().map(r -> r.direct().p50()).toList());
        int failed = runs.stream().mapToInt(r -> r.engram().failed() + r.direct().failed()).sum();
        metrics.add(new Metric("api_overhead_ratio", ratio.median(), "x", "<= " + ApiOverhead.GOAL,
                ratio.median() <= ApiOverhead.GOAL && failed == 0, String.format(Locale.ROOT, "accepted"
                        + " submissions p50 %.1f ms vs %.1f ms for the same S3 put + DynamoDB put, then SQS send made"
                        + " directly, both at %.0f req/s for %.0f s per run; %d not accepted; %s", engram.median(),
                        direct.median(), ApiOverhead.RATE, ApiOverhead.SECONDS, failed, ratio.range("%.2f")), ratio));
    }

    /** The API with the knowledge graph on against off: p95 ratio per pair. */
    void graphLatency(List<GraphLatency.Pair> pairs, int backlogDocuments) {
        List<Map<String, Object>> each = new ArrayList<>();
        for (GraphLatency.Pair p : pairs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("graph_off", latencies(p.off()));
            m.put("graph_on", latencies(p.on()));
            m.put("graph_chunks_completed_during_load", p.graphChunksCompleted());
            m.put("p95_ratio", round(p.ratio()));
            each.add(m);
        }
        details.put("graph_extract_latency", Map.of("backlog_documents", backlogDocuments, "pairs", each));
        Spread ratio = Spread.of(pairs.stream().map(GraphLatency.Pair::ratio).toList());
        Spread on = Spread.of(pairs.stream().map(p -> p.on().p95()).toList());
        Spread off = Spread.of(pairs.stream().map(p -> p.off().p95()).toList());
        int failed = pairs.stream().mapToInt(p -> p.on().failed() + p.off().failed()).sum();
        metrics.add(new Metric("graph_extract_p95_ratio", ratio.median(), "x", "<= " + GraphLatency.GOAL,
                ratio.median() <= GraphLatency.GOAL && failed == 0, String.format(Locale.ROOT, "accepted extract"
                        + " requests' p95 %.1f ms with the knowledge graph on vs %.1f ms off, %.0f req/s for %.0f s"
                        + " per run while %d auto-saved documents are processed; %d not accepted; %s", on.median(),
                        off.median(), GraphLatency.RATE, GraphLatency.SECONDS, backlogDocuments, failed,
                        ratio.range("%.2f")), ratio));
    }

    /** The step ramps: the highest rate whose p95 held, per ramp. */
    void apiCapacity(List<ApiCapacity.Ramp> ramps, int backlogDocuments) {
        List<Map<String, Object>> each = new ArrayList<>();
        for (ApiCapacity.Ramp ramp : ramps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("capacity_rps", ramp.capacity());
            m.put("steps", ramp.steps().stream().map(s -> latencies(s.load())).toList());
            each.add(m);
        }
        details.put("api_capacity", Map.of("p95_limit_ms", ApiCapacity.P95_LIMIT_MS, "step_seconds",
                ApiCapacity.STEP_SECONDS, "steps_offered", ApiCapacity.STEPS, "backlog_documents", backlogDocuments,
                "ramps", each));
        Spread capacity = Spread.of(ramps.stream().map(ApiCapacity.Ramp::capacity).toList());
        metrics.add(new Metric("api_capacity_rps", capacity.median(), "req/s", "report", null,
                String.format(Locale.ROOT, "highest step of %s req/s (%.0f s each, open loop) whose p95 stayed <="
                        + " %.0f ms, while the pipeline worked through %d queued documents and what the requests"
                        + " queued; %s", ApiCapacity.STEPS.stream().map(r -> String.format(Locale.ROOT, "%.0f", r))
                        .toList(), ApiCapacity.STEP_SECONDS, ApiCapacity.P95_LIMIT_MS, backlogDocuments,
                        capacity.range("%.0f")), capacity));
    }

    private static Map<String, Object> latencies(OpenLoopLoad.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offered_per_s", r.rate());
        m.put("seconds", round(r.seconds()));
        m.put("sent", r.sent());
        m.put("accepted", r.accepted());
        m.put("failed", r.failed());
        m.put("p50_ms", round(r.p50()));
        m.put("p95_ms", round(r.p95()));
        m.put("p99_ms", round(r.p99()));
        m.put("max_ms", round(r.max()));
        m.put("sender_max_lateness_ms", round(r.lateSendMsMax()));
        return m;
    }

    void engramRss(double mb) {
        details.put("engram_peak_rss_mb_during_pipeline_and_load", round(mb));
    }

    void readiness(List<Readiness.Result> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Readiness.Result r : results) {
            m.put(r.variant(), Map.of("seconds", round(r.seconds()), "rss_mb", round(r.rssMb()), "runs", r.runs()));
            String name = switch (r.variant()) {
                case "api" -> "api_ready_s";
                case "worker" -> "worker_ready_s";
                default -> "default_ready_s";
            };
            String until = r.variant().equals("default") ? "/q/health/ready = 200"
                    : "Quarkus started (end of the Lambda init phase)";
            metrics.add(new Metric(name, r.seconds(), "s", "report", null, String.format(Locale.ROOT,
                    "JVM start to %s, RSS %.0f MB (median of %d)", until, r.rssMb(), r.runs())));
        }
        details.put("readiness", m);
    }

    void pdf(PdfRun.Result r) {
        details.put("pdf1000", Map.of("pages", r.pages(), "bytes", r.bytes(), "chunks", r.chunks(), "state",
                r.state(), "seconds", round(r.seconds()), "peak_rss_mb", round(r.peakRssMb()),
                "heap", "-Xmx512m"));
        metrics.add(new Metric("pdf1000_peak_rss_mb", r.peakRssMb(), "MB", "<= 768",
                r.peakRssMb() <= 768 && r.state().startsWith("completed"), String.format(Locale.ROOT,
                        "%d pages, %d chunks, %s in %.0f s, -Xmx512m, VmHWM", r.pages(), r.chunks(), r.state(),
                        r.seconds())));
    }

    void totalSeconds(double seconds) {
        machine.put("load_average_at_end", MachineInfo.loadAverage());
        details.put("total_seconds", round(seconds));
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Metric | Value (median of the runs) | Goal | Holds | Detail |\n|---|---:|---|---|---|\n");
        for (Metric m : metrics) {
            sb.append("| `").append(m.name()).append("` | ").append(format(m.value(), m.unit())).append(" | ")
                    .append(m.goal()).append(" | ").append(m.holds() == null ? "-" : m.holds() ? "yes" : "**no**")
                    .append(" | ").append(m.detail()).append(" |\n");
        }
        return sb.toString();
    }

    void write(Path json, Path doc) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("started_at", startedAt);
        root.put("machine", machine);
        Map<String, Object> figures = new LinkedHashMap<>();
        for (Metric m : metrics) {
            ObjectNode node = JSON.createObjectNode().put("value", round(m.value())).put("unit", m.unit())
                    .put("goal", m.goal()).put("detail", m.detail());
            if (m.holds() != null) {
                node.put("holds", m.holds());
            }
            if (m.spread() != null) {
                node.put("min", round(m.spread().min())).put("max", round(m.spread().max()))
                        .put("runs", m.spread().runs());
            }
            figures.put(m.name(), node);
        }
        root.put("metrics", figures);
        root.put("details", details);
        Files.createDirectories(json.getParent());
        JSON.writeValue(json.toFile(), root);
        if (doc.getParent() != null) {
            Files.createDirectories(doc.getParent());
        }
        Files.writeString(doc, BenchmarksDoc.render(this, JSON.writeValueAsString(details)));
    }

    Map<String, Object> details() {
        return details;
    }

    String startedAt() {
        return startedAt;
    }

    private static String format(double v, String unit) {
        return switch (unit) {
            case "x" -> String.format(Locale.ROOT, "%.2f", v);
            case "ms", "MB", "req/s" -> String.format(Locale.ROOT, "%.0f %s", v, unit);
            default -> String.format(Locale.ROOT, "%.2f %s", v, unit);
        };
    }

    private static List<Double> rounded(List<Double> values) {
        return values.stream().map(Report::round).toList();
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
