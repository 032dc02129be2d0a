package dev.engram.bench;

import java.util.Map;

/** Renders docs/BENCHMARKS.md from a run's report. */
final class BenchmarksDoc {

    private BenchmarksDoc() {
    }

    static String render(Report report, String detailsJson) {
        Map<String, Object> m = report.machine();
        return """
                # Benchmarks

                `make bench` measures where Engram stands against the hardware and against a peer, in one run, and
                rewrites this page with that run's numbers (raw figures: `target/bench/summary.json`). The machines
                these runs share are noisy, so every figure that has a goal is a ratio against a baseline measured in
                the same run, or a latency or memory figure of Engram's own process, and every goal figure is the
                median of %s measured runs (`bench.repeats`), shown with its minimum and maximum. A goal holds only
                when the median meets it. Every number on this page comes from the run below.

                ## Latest run

                %s
                Run started %s; the whole suite took %s s (builds not included).

                **Machine:** %s cores (`nproc`), %s GiB memory, %s, %s, JDK %s. Load average at start %s, at
                end %s (other work shares this machine; the ratios are what to compare across runs).

                ## What each figure measures

                | Figure | Engram side | Baseline, same run |
                |---|---|---|
                %s
                | `default_ready_s`, `api_ready_s`, `worker_ready_s` | JVM start to ready, RSS at that moment (median of `bench.ready-runs`): the default jar until `/q/health/ready` answers 200; the Lambda variants (`-Papi`, `-Pworker` with `QUARKUS_LAMBDA_HANDLER=process`, runner jar + `lib/`) until Quarkus logs that it has started, which on AWS's Java runtime is the end of the init phase. The embedding model loads lazily, on the first chunk, in every variant | - |
                | `pdf1000_peak_rss_mb` | a generated 1,000-page text PDF uploaded by presigned PUT and processed to the end by an Engram with `-Xmx512m`; the process's `VmHWM`; measured once | - |
                | `onnx_intra_op_threads` (details) | the ceiling's compute with ONNX Runtime set to one intra-op thread per run, as Engram sets it (`engram.embed.intra-op-threads=1`) | the same embedder, batches and warm-up with ONNX Runtime's default (one thread per core in every run); only the thread setting differs |

                ## Engram and the peer, line by line

                | | Engram (end to end) | LangChain4j `EmbeddingStoreIngestor` |
                |---|---|---|
                | Work | rules extraction per chunk, embedding of the distinct extracted memories, duplicate checks, pending rows, DynamoDB counts, auto-save into the indexed `memories` table | embedding of every segment, insert into its table |
                | Splitting | `Chunker`, 400 tokens with 48 of overlap | `DocumentSplitters.recursive(400, 48)`, counted by the bge tokenizer |
                | Model | bge-small-en-v1.5 (quantized), ONNX Runtime | the same model file, through LangChain4j's `OnnxBertBiEncoder` on an ONNX session of its own |
                | ONNX intra-op threads | 1 per run | 1 per run (a session option set through LangChain4j's public constructors) |
                | Parallel runs | %s embedding threads | an executor of %s threads, LangChain4j's own fan-out |
                | Texts per ONNX run | padded batches of up to 8 texts of similar length (Engram's design) | one text per run (LangChain4j's design) |
                | Warm-up | a corpus as big as the measured one, another seed | the same corpus, ingested into a table of its own before the measured run |
                | JVM | a process of its own, the deployed functions' `JAVA_TOOL_OPTIONS` | a process of its own per run, the same options |
                | Store | Postgres on this machine: HNSW and full-text indexes on `memories` | the same Postgres server, a database of its own, `PgVectorEmbeddingStore` (its table, no index) |
                | Done when | every job `completed` and its memories saved (searchable) | `ingest()` returned and a semantic query finds the content |

                What remains different is each side's design: LangChain4j embeds one text per call and indexes
                nothing; Engram extracts, deduplicates, counts and indexes.

                %s

                ## What limits each figure

                %s

                %s
                - **`vs_langchain4j_ingestor`.** The peer embeds each 400-token segment once and inserts it into a
                  table without an index; Engram extracts many short memories per chunk, embeds the distinct ones,
                  checks each for duplicates, stores them for review, counts chunks in DynamoDB and saves them into
                  indexed tables.
                - **`vs_spring_ai_ingestion`.** The second peer embeds each chunk once, in large padded batches on
                  one caller thread with ONNX Runtime's own threads, and inserts into a table whose HNSW index it
                  keeps up to date; what it leaves out is the same as LangChain4j's.
                - **`store_vs_copy`.** Per chunk the store path takes an advisory lock (dedupe within an extraction
                  is serialised), writes the chunk row, runs two nearest-neighbour look-ups for all the chunk's
                  memories at once and one batched insert; COPY does none of the vector distance work.
                %s

                %s
                ## Details of the run

                ```json
                %s
                ```

                ## Reproduce

                ```sh
                make stack-up      # PostgreSQL + pgvector, ElasticMQ, DynamoDB Local, s3proxy
                make bench         # builds the worker, api and default variants, then runs the suite
                ```

                `make bench` runs `infra/bench/bench.sh`: it builds `./mvnw -B -Pworker package` and
                `./mvnw -B -Papi package` (each `target/quarkus-app` copied to `target/bench/apps/<variant>`), then
                `./mvnw -B -Plocal,bench package -DskipTests` (the default jar and the bench sources in
                `src/bench/java`, compiled as test code only in the `bench` profile), writes the test class path with
                `dependency:build-classpath`, and starts `java dev.engram.bench.BenchMain`. Settings are system
                properties passed through `BENCH_OPTS`, e.g. `make bench BENCH_OPTS="-Dbench.repeats=5"`
                (`bench.repeats`, `bench.docs`, `bench.warmup-docs`, `bench.doc-chars`, `bench.pdf-pages`,
                `bench.api-rate`, `bench.api-seconds`, `bench.api-steps`, `bench.api-step-seconds`,
                `bench.api-overhead-seconds`, `bench.ready-runs`, `bench.threads`, `bench.pollers`, `bench.batch`,
                `bench.store-pool`, `bench.graph`, ports `bench.pg-port` ...; every Engram the suite starts listens on
                `BENCH_HTTP_PORT`, by default `ENGRAM_PORT`, one instance at a time). For profiling, `-Dbench.only=pipeline` (or `api`) stops
                after the end-to-end runs (or the API load) without rewriting this page, and
                `-Dbench.engram-jvm-opts=...` passes JVM options, e.g. a flight recording, to the Engram under test
                and to the peer's runs. The run uses database `engram_bench`, queues, table and bucket named
                `engram-bench-*`, and LangChain4j's database `engram_bench_langchain4j`, so it never touches what
                `make run` or `make test` use. The Spring AI peer is built by the same script (`./mvnw -f
                infra/bench/spring-ai/pom.xml package`, its class path written beside the suite's) and uses database
                `engram_bench_springai`; `-Dbench.only=peers` stops after the ceiling and both peers' runs, for
                iterating on the peers. `make bench BENCH=remote` builds only the default variant and runs only the
                remote-provider run (`bench.remote-chunks`, `bench.remote-pollers`, `bench.remote-chat-ms`,
                `bench.remote-quota-chunks`, ...); it writes its own page, `docs/BENCHMARKS-REMOTE.md`, with only that
                run's figures.
                """.formatted(BenchMain.REPEATS, report.table(), report.startedAt(),
                report.details().get("total_seconds"), m.get("nproc"), m.get("memory_gib"), m.get("cpu"),
                m.get("os"), m.get("jdk"), m.get("load_average_at_start"), m.get("load_average_at_end"),
                BenchmarkRows.measures(), Bench.THREADS, Bench.THREADS, SpringAiFigures.section(),
                cpuShare(report.details()), BenchmarkRows.ceilingLimits(report.details()),
                BenchmarkRows.apiLimits(report.details()), RemoteDoc.render(report.details()), detailsJson);
    }

    /** Where the CPU went in the first end-to-end run, in this run's own figures. */
    @SuppressWarnings("unchecked")
    static String cpuShare(Map<String, Object> details) {
        Object pipeline = details.get("pipeline");
        if (!(pipeline instanceof Map<?, ?> p) || !(p.get("cpu_seconds_by_process_first_run") instanceof Map<?, ?> c)) {
            return "This run recorded no CPU accounting.";
        }
        Map<String, Double> cpu = (Map<String, Double>) c;
        double used = cpu.entrySet().stream().filter(e -> !e.getKey().equals("wall")).mapToDouble(Map.Entry::getValue)
                .sum();
        double others = cpu.getOrDefault("postgres", 0.0) + cpu.getOrDefault("aws_stand_ins", 0.0);
        return String.format(java.util.Locale.ROOT, "In the first end-to-end run of this run (%.1f s of wall time,"
                + " so %d cores offered %.1f CPU seconds), Engram used %.1f CPU seconds, Postgres %.1f and the AWS"
                + " stand-ins %.1f: %.0f%% of what was used went to Postgres and the stand-ins"
                + " (`cpu_seconds_by_process_first_run` in the details, from `/proc`).", cpu.getOrDefault("wall", 0.0),
                Runtime.getRuntime().availableProcessors(), cpu.getOrDefault("wall", 0.0)
                        * Runtime.getRuntime().availableProcessors(), cpu.getOrDefault("engram", 0.0),
                cpu.getOrDefault("postgres", 0.0), cpu.getOrDefault("aws_stand_ins", 0.0),
                used == 0 ? 0 : 100 * others / used);
    }
}
