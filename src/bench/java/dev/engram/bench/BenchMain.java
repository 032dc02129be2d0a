package dev.engram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.embed.BenchEmbedders;
import dev.engram.embed.LocalEmbedder;
import dev.engram.split.Chunk;
import dev.engram.split.Chunker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code make bench}: builds the corpora, runs every benchmark against the local stack in one process, and writes
 * {@code target/bench/summary.json} and {@code docs/BENCHMARKS.md}. Each figure is a ratio against a baseline
 * measured in the same run, because the machines are shared and noisy.
 */
public final class BenchMain {

    /** 36 documents (about 290 chunks): runs of a few seconds were dominated by the JIT and the pipeline's tail. */
    static final int DOCS = Integer.getInteger("bench.docs", 36);
    static final int WARMUP_DOCS = Integer.getInteger("bench.warmup-docs", DOCS);
    static final int DOC_CHARS = Integer.getInteger("bench.doc-chars", 12_000);
    static final int PDF_PAGES = Integer.getInteger("bench.pdf-pages", 1000);
    static final int PDF_PAGE_CHARS = Integer.getInteger("bench.pdf-page-chars", 900);
    static final double API_RATE = Double.parseDouble(System.getProperty("bench.api-rate", "100"));
    static final double API_SECONDS = Double.parseDouble(System.getProperty("bench.api-seconds", "20"));
    static final int READY_RUNS = Integer.getInteger("bench.ready-runs", 3);
    /** Connections of the stored ceiling's pool: as many as Engram's ({@code quarkus.datasource.reactive.max-size}). */
    static final int STORE_POOL = Integer.getInteger("bench.store-pool", 8);
    /**
     * Whether the Engram under test end to end also builds the knowledge graph (a stage of its own, on the same cores):
     * off by default, as neither the ceiling nor the peers build one.
     */
    static final boolean GRAPH = Boolean.getBoolean("bench.graph");
    /** Users the API load is spread over. */
    static final int API_USERS = Integer.getInteger("bench.api-users", 20);
    /** Seconds of load before the measured API runs. */
    static final double API_WARMUP_SECONDS = 3;
    /** Measured runs of each goal figure: the figure is their median, shown with the minimum and maximum. */
    static final int REPEATS = Integer.getInteger("bench.repeats", 3);
    /** Seeds of the generated corpora: the measured one and the warm-up one. */
    static final int SEED = 7;
    static final int WARMUP_SEED = 99;
    /**
     * For profiling: {@code graph} runs only the graph on/off API figure, {@code pipeline} stops after the end-to-end
     * run, {@code api} runs the end-to-end run and then the
     * API load, {@code peers} stops after the ceiling and the two peers' runs; the page and the summary are not
     * written.
     */
    static final String ONLY = System.getProperty("bench.only", "");
    /**
     * JVM options of the Engram under test end to end: the deployed functions' ({@link Bench#FUNCTION_JVM_OPTS}), then
     * {@code bench.engram-jvm-opts}, space-separated (e.g. a JFR recording, or {@code -XX:TieredStopAtLevel=4} to
     * compare with C2).
     */
    static final List<String> ENGRAM_JVM_OPTS = Stream.concat(Bench.FUNCTION_JVM_OPTS.stream(),
            Stream.of(System.getProperty("bench.engram-jvm-opts", "").split(" "))
                    .filter(o -> !o.isBlank())).toList();

    private BenchMain() {
    }

    /** {@code all} (the default) runs every benchmark, {@code remote} only the remote-provider run. */
    static final String SUITE = System.getProperty("bench.suite", "all");

    public static void main(String[] args) throws Exception {
        Report report = new Report();
        long t0 = System.nanoTime();
        Bench.log("machine: %s", report.machine());
        if (SUITE.equals("remote")) {
            StackReset.database();
            StackReset.aws();
            remote(report);
            finish(report, t0);
        }

        // Corpora: the same generated meeting notes feed the ceiling, LangChain4j and Engram.
        List<String> docs = new MeetingNotes(SEED).documents(DOCS, DOC_CHARS);
        // Warm-up corpus as big as the measured one (another seed): both sides are measured after the JIT compilers
        // have done their work; with a small warm-up Engram's C2 threads were still compiling through the run.
        List<String> warmupDocs = new MeetingNotes(WARMUP_SEED).documents(WARMUP_DOCS, DOC_CHARS);
        Chunker chunker = new Chunker(400, 48);
        List<List<Chunk>> docChunks = docs.stream().map(chunker::chunk).toList();
        List<List<Chunk>> warmupDocChunks = warmupDocs.stream().map(chunker::chunk).toList();
        List<Chunk> chunks = docChunks.stream().flatMap(List::stream).toList();
        List<Chunk> warmupChunks = warmupDocChunks.stream().flatMap(List::stream).toList();
        int corpusChars = docs.stream().mapToInt(String::length).sum();
        Bench.log("corpus: %d documents, %d characters, %d chunks", docs.size(), corpusChars, chunks.size());
        report.corpus(docs.size(), corpusChars, chunks.size());

        StackReset.database();
        StackReset.aws();
        if (ONLY.equals("graph")) {
            graphLatency(report, docs);
            System.out.println(report.table());
            System.exit(0);
        }

        // 1a. The compute alone: Engram's own extractor and embedder, in-process, same caller threads.
        Ceiling ceiling = new Ceiling();
        LocalEmbedder embedder = BenchEmbedders.local(Bench.THREADS);
        ceiling.warmUp(embedder, warmupChunks, Bench.THREADS);
        List<Ceiling.Result> tops = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            Ceiling.Result top = ceiling.run(embedder, chunks, Bench.THREADS);
            Bench.log("compute %d: %.2f chunks/s (%d memories in %.1f s)", i + 1, top.chunksPerSecond(),
                    top.memories(), top.seconds());
            tops.add(top);
        }
        report.compute(tops);
        // ONNX Runtime's intra-op threads alone: one per run (as Engram sets them) against the library's default
        // (one per core in every run), with the same embedder, the same batches and the same warm-up.
        var pool = Executors.newFixedThreadPool(Bench.THREADS);
        List<Chunk> onnxWarmup = warmupChunks.subList(0, Math.min(24, warmupChunks.size()));
        var onePerRun = new TunedOnnxEmbedder(1, pool, "one intra-op thread per run");
        ceiling.warmUp(onePerRun, onnxWarmup, Bench.THREADS);
        Ceiling.Result one = ceiling.run(onePerRun, chunks, Bench.THREADS);
        var libraryDefault = new TunedOnnxEmbedder(0, pool, "ONNX Runtime's default");
        ceiling.warmUp(libraryDefault, onnxWarmup, Bench.THREADS);
        Ceiling.Result untuned = ceiling.run(libraryDefault, chunks, Bench.THREADS);
        pool.shutdownNow();
        Bench.log("onnx intra-op threads: one per run %.2f, default %.2f chunks/s", one.chunksPerSecond(),
                untuned.chunksPerSecond());
        report.onnxThreads(one, untuned);

        // 2a. The peer: LangChain4j's ingestor on the same corpus, each run a JVM of its own with Engram's options.
        List<LangChain4jIngest.Result> peers = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            LangChain4jIngest.Result peer = LangChain4jIngest.inChildJvm(ENGRAM_JVM_OPTS, DOCS, DOC_CHARS, SEED,
                    WARMUP_SEED);
            Bench.log("langchain4j %d: %d segments searchable in %.1f s", i + 1, peer.segments(), peer.seconds());
            peers.add(peer);
        }
        report.langchain4j(peers);
        // 2c. The second peer: Spring AI's ingestion, from its own project (infra/bench/spring-ai), run the same way.
        report.springAi(SpringAiPeer.runs(ENGRAM_JVM_OPTS, docs, warmupDocs, REPEATS));
        if (ONLY.equals("peers")) {
            System.exit(0);
        }

        // Engram from the built jar on the local stack, with its own queues, table, bucket and database.
        EngramApi api = new EngramApi(Bench.HTTP_PORT);
        Map<String, String> env = Bench.engramEnv(Bench.PREFIX, Bench.HTTP_PORT);
        env.put("ENGRAM_GRAPH_ENABLED", Boolean.toString(GRAPH));
        try (var engram = EngramProcess.start("engram", Bench.APPS.resolve("default"), ENGRAM_JVM_OPTS, env,
                Bench.OUT.resolve("logs/engram.log"))) {
            engram.awaitHttp200(URI.create("http://localhost:" + Bench.HTTP_PORT + "/q/health/ready"),
                    Duration.ofSeconds(120));
            PipelineRun pipeline = new PipelineRun(api);
            warmUp(pipeline, warmupDocs, chunker);
            // 1b. The ceiling with its store: the compute above, then the process stage's store and auto-save code
            // on the database Engram migrated, in this process. Warmed up on the warm-up corpus as a user of its own.
            StoredCeiling stored = new StoredCeiling(ceiling, embedder, STORE_POOL);
            stored.run("bench-ceiling-warmup", embedder, warmupDocChunks, Bench.THREADS);
            StackReset.analyze();

            // 1c + 2b. End to end: API -> split -> process -> Postgres, then auto-saved (searchable), each run right
            // after a ceiling run on the same chunks, so the two of a pair meet the same machine and the same table
            // sizes. Each run is another user's, so no run finds the previous one's memories as duplicates.
            List<StoredCeiling.Result> ceilings = new ArrayList<>();
            List<PipelineRun.Result> runs = new ArrayList<>();
            Map<String, Double> cpuSeconds = null;
            Map<String, Double> ceilingCpuSeconds = null;
            for (int i = 0; i < REPEATS; i++) {
                CpuAccount ceilingCpu = CpuAccount.start(engram.pid());
                StoredCeiling.Result top = stored.run("bench-ceiling-" + (i + 1), embedder, docChunks,
                        Bench.THREADS);
                Map<String, Double> used = ceilingCpu.stop();
                if (ceilingCpuSeconds == null) {
                    ceilingCpuSeconds = used;
                }
                Bench.log("ceiling %d: %.2f chunks/s (%d pending memories, %d saved; searchable after %.1f s);"
                        + " CPU seconds %s", i + 1, top.chunksPerSecond(), top.pendingMemories(),
                        top.savedMemories(), top.searchableSeconds(), used);
                ceilings.add(top);
                CpuAccount cpu = CpuAccount.start(engram.pid());
                PipelineRun.Result e2e = pipeline.run("bench-pipeline-" + (i + 1), docs, chunks.size(),
                        Duration.ofMinutes(10));
                Map<String, Double> seconds = cpu.stop();
                if (cpuSeconds == null) {
                    cpuSeconds = seconds;
                    Bench.log("engram threads, CPU seconds: %s", cpu.engramThreads());
                }
                Bench.log("engram %d: %.2f chunks/s; searchable after %.1f s; %s; CPU seconds %s", i + 1,
                        e2e.chunksPerSecond(), e2e.searchableSeconds(), e2e.states(), seconds);
                runs.add(e2e);
            }
            stored.close();
            report.ceiling(ceilings, ceilingCpuSeconds);
            report.pipeline(runs, cpuSeconds);
            if (!ONLY.isEmpty()) {
                if (ONLY.equals("api")) {
                    runApiLoad(api, report, engram, docs);
                }
                engram.close();
                System.exit(0);
            }

            // The fixture files (real-world PDFs, DOCX, DOC, broken and protected ones) through the file API.
            if (Files.isDirectory(Bench.FIXTURES)) {
                report.fixtures(fixtures(api, pipeline));
            }

            // 3. Store path against COPY, with the memories the ceiling produced.
            StoreVsCopy.Result store = new StoreVsCopy().run(chunks, tops.get(0).proposed(), embedder,
                    Bench.THREADS);
            Bench.log("store: %.0f memories/s, COPY: %.0f memories/s", store.storePerSecond(),
                    store.copyPerSecond());
            report.store(store);

            runApiLoad(api, report, engram, docs);
        }
        StackReset.aws();

        // 4b. The API with the knowledge graph on against off.
        graphLatency(report, docs);

        // 5. Start to ready, per build variant.
        Readiness readiness = new Readiness();
        List<Readiness.Result> ready = new ArrayList<>();
        ready.add(readiness.defaultVariant(READY_RUNS));
        if (Files.isDirectory(Bench.APPS.resolve("api"))) {
            ready.add(readiness.lambdaVariant("api", null, READY_RUNS));
        }
        if (Files.isDirectory(Bench.APPS.resolve("worker"))) {
            ready.add(readiness.lambdaVariant("worker", "process", READY_RUNS));
        }
        ready.forEach(r -> Bench.log("ready: %s %.2f s, RSS %.0f MB", r.variant(), r.seconds(), r.rssMb()));
        report.readiness(ready);

        // 6. The 1,000-page PDF with a 512 MB heap.
        Path pdf = PdfCorpus.write(Bench.OUT.resolve("corpus/report-" + PDF_PAGES + "-pages.pdf"), PDF_PAGES,
                PDF_PAGE_CHARS, 11);
        PdfRun.Result big = new PdfRun().run(pdf, PDF_PAGES, Duration.ofMinutes(15));
        Bench.log("pdf: %d pages, %d chunks, %s in %.0f s, peak RSS %.0f MB", big.pages(), big.chunks(),
                big.state(), big.seconds(), big.peakRssMb());
        report.pdf(big);
        StackReset.aws();

        // 7. Extraction and embeddings by a remote provider.
        remote(report);
        finish(report, t0);
    }

    private static void remote(Report report) throws Exception {
        report.remote(new RemoteRun().run());
        StackReset.aws();
    }

    private static void finish(Report report, long t0) throws Exception {
        report.totalSeconds((System.nanoTime() - t0) / 1e9);
        // The remote run alone has a page of its own: the full suite's page keeps the figures of the run that wrote it.
        report.write(Bench.OUT.resolve("summary.json"), Path.of(System.getProperty("bench.doc",
                SUITE.equals("remote") ? "docs/BENCHMARKS-REMOTE.md" : "docs/BENCHMARKS.md")));
        System.out.println();
        System.out.println(report.table());
        System.exit(0);
    }

    /**
     * Warms Engram up in two rounds: a few documents, then the rest. Whatever a path loads on its first use is loaded
     * early: when the warm-up was one round, its end was the first read of an extraction, Hibernate's first query
     * loaded some 1,200 classes, and the JIT then dropped and recompiled the extraction's hottest methods (OpenNLP's
     * beam search among them) during the measured run.
     */
    private static void warmUp(PipelineRun pipeline, List<String> docs, Chunker chunker) throws Exception {
        int first = Math.min(docs.size(), Math.max(1, docs.size() / 8));
        List<List<String>> rounds = List.of(docs.subList(0, first), docs.subList(first, docs.size()));
        for (int round = 0; round < rounds.size(); round++) {
            List<String> part = rounds.get(round);
            if (part.isEmpty()) {
                continue;
            }
            int chunks = part.stream().mapToInt(d -> chunker.chunk(d).size()).sum();
            pipeline.run("bench-warmup-" + round, part, chunks, Duration.ofMinutes(5));
        }
    }

    /**
     * 4. The API under open-loop load: its overhead over the AWS calls it makes (with only the work its own requests
     * queue behind it), its capacity in a step ramp and its latency at {@link #API_RATE}, both while the pipeline works
     * through a backlog of {@code backlog} documents queued before each ramp.
     */
    private static void runApiLoad(EngramApi api, Report report, EngramProcess engram, List<String> backlog)
            throws Exception {
        List<String> notes = new MeetingNotes(5).documents(64, 700);
        List<String> users = IntStream.range(0, API_USERS).mapToObj(i -> "bench-load-" + i).toList();
        OpenLoopLoad load = new OpenLoopLoad(api);

        try (DirectSubmission direct = new DirectSubmission()) {
            ApiOverhead overhead = new ApiOverhead(api, direct);
            overhead.warmUp(notes, users);
            List<ApiOverhead.Result> overheads = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                ApiOverhead.Result r = overhead.run(ApiOverhead.SECONDS, notes, users);
                Bench.log("api overhead %d: Engram p50 %.1f ms, direct calls p50 %.1f ms: %.2f", i + 1,
                        r.engram().p50(), r.direct().p50(), r.ratio());
                overheads.add(r);
            }
            report.apiOverhead(overheads);
        }

        ApiCapacity capacity = new ApiCapacity(load);
        List<ApiCapacity.Ramp> ramps = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            for (String doc : backlog) {
                api.submitText("bench-backlog-" + (i + 1), doc, true);
            }
            ApiCapacity.Ramp ramp = capacity.run(notes, users);
            Bench.log("api capacity %d: %.0f req/s", i + 1, ramp.capacity());
            ramps.add(ramp);
        }
        report.apiCapacity(ramps, backlog.size());

        load.run(API_RATE, API_WARMUP_SECONDS, notes, users);
        List<OpenLoopLoad.Result> runs = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            OpenLoopLoad.Result latency = load.run(API_RATE, API_SECONDS, notes, users);
            Bench.log("api %d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d/%d accepted", i + 1, latency.p50(),
                    latency.p95(), latency.p99(), latency.accepted(), latency.sent());
            runs.add(latency);
        }
        report.api(runs);
        report.engramRss(engram.peakRssMb());
    }

    /** The extract requests' p95 with the knowledge graph on over off, while a backlog of the corpus is processed. */
    private static void graphLatency(Report report, List<String> docs) throws Exception {
        List<String> backlog = docs.subList(0, Math.min(docs.size(), 36));
        List<String> notes = new MeetingNotes(5).documents(64, 700);
        List<String> users = IntStream.range(0, API_USERS).mapToObj(i -> "bench-graph-load-" + i).toList();
        report.graphLatency(GraphLatency.run(backlog, notes, users, REPEATS), backlog.size());
        StackReset.aws();
    }

    private static Report.Fixtures fixtures(EngramApi api, PipelineRun pipeline) throws Exception {
        List<Path> files;
        try (var listing = Files.list(Bench.FIXTURES)) {
            files = listing.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".txt"))
                    .sorted().toList();
        }
        long t0 = System.nanoTime();
        List<JsonNode> answers = new ArrayList<>();
        long bytes = 0;
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            bytes += content.length;
            answers.add(api.submitFile("bench-fixtures", f.getFileName().toString(), content));
        }
        Map<String, Integer> states = pipeline.awaitJobs("bench-fixtures", answers, Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Bench.log("fixtures: %d files in %.1f s: %s", files.size(), seconds, states);
        return new Report.Fixtures(files.size(), bytes, seconds, states);
    }
}
