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
                the same run, or a latency or memory figure of Engram's own process.

                ## Latest run

                %s
                Run started %s; the whole suite took %s s.

                **Machine:** %s cores (`nproc`), %s GiB memory, %s, %s, JDK %s. Load average at start %s, at
                end %s (other work shares this machine; the ratios are what to compare across runs).

                ## What each figure measures

                | Figure | Engram side | Baseline, same run |
                |---|---|---|
                | `pipeline_vs_ceiling` | chunks/s end to end: generated meeting notes submitted through `POST /api/v1/memories/extract` (async, `auto_save`) to Engram started from the built jar (`QUARKUS_PROFILE=local`, own queue prefix, table, bucket and database), split stage, chunk queue, process stage, pending memories in Postgres; timed from the first submission until the last chunk's row is committed | the process stage's compute alone on the same chunks (`Chunker` 400/48 tokens): Engram's `RulesExtractor`, the overlap filter and Engram's `LocalEmbedder` on the memories, in-process, on as many caller threads as the runner has chunk pollers (2) |
                | `vs_langchain4j_ingestor` | seconds from the first submission until every job is `completed` and its memories auto-saved into `memories` (HNSW and full-text indexed, searchable) | LangChain4j's `EmbeddingStoreIngestor`: `DocumentSplitters.recursive(400, 48)` counted by the bge tokenizer, the same bge-small-en-v1.5-q model on a 2-thread executor, `PgVectorEmbeddingStore` (own table, no index) on the same Postgres; timed around `ingest()` |
                | `store_vs_copy` | memories/s through `PendingMemoryStore.store` (per chunk: one transaction, advisory lock, chunk row, two batched duplicate look-ups for all its memories, batched insert), 2 caller threads | one `COPY ... FROM STDIN (csv)` of the same memory rows into a table `LIKE pending_memories INCLUDING ALL` |
                | `api_p95_ms` | latency of accepted (202) async extract requests at a fixed 100 requests/s, open loop: request *i* is due at start + *i*/100 s and its latency counts from then (no coordinated omission), 20 users, while the pipeline works through what the requests queue | - |
                | `default_ready_s`, `api_ready_s`, `worker_ready_s` | JVM start to ready, RSS at that moment (median of 3): the default jar until `/q/health/ready` answers 200; the Lambda variants (`-Papi`, `-Pworker` with `QUARKUS_LAMBDA_HANDLER=process`, runner jar + `lib/`) until Quarkus logs that it has started, which on AWS's Java runtime is the end of the init phase (Quarkus 3.34 runs its own Runtime API poll loop only in native builds, so a JVM jar never calls a fake Runtime API by itself). The embedding model loads lazily, on the first chunk, in every variant | - |
                | `pdf1000_peak_rss_mb` | a generated 1,000-page text PDF uploaded by presigned PUT and processed to the end by an Engram with `-Xmx512m`; the process's `VmHWM` | - |

                **Fairness.** The two sides of `vs_langchain4j_ingestor` do different work, by design: LangChain4j
                embeds every segment of the text (one 400-token text per segment) and stores it; Engram runs rules
                extraction on every chunk (OpenNLP sentences, tokens and POS tags, natty dates, the rules), embeds the
                memories it extracted (many short texts per chunk, each a sentence), checks each for duplicates,
                stores them for review, counts the chunk in DynamoDB, and then saves them into an HNSW-indexed table.
                Both use the same model, the same thread count and the same Postgres. "Searchable" means a semantic
                query can find the content: LangChain4j's segments, Engram's saved memories.

                ## What limits each figure

                - **`pipeline_vs_ceiling`.** Each chunk poller runs its chunk's steps one after another: extract
                  and embed (CPU), then the Postgres transaction, the DynamoDB counters and the SQS delete (waiting).
                  With as many pollers as cores, a core idles while its poller waits. Candidates: more chunk pollers
                  than embedding threads (the local runner now defaults to 3 chunk pollers; the suite runs both
                  sides with `bench.threads`, 2, for a like-for-like ratio), and fewer round trips per chunk. The
                  AWS stand-ins (DynamoDB Local above all) also burn CPU on the same two cores that embed.
                - **`store_vs_copy`.** Per chunk the store path takes an advisory lock (dedupe within an extraction
                  is serialised), writes the chunk row, runs two nearest-neighbour look-ups for all the chunk's
                  memories at once (`unnest` + `LATERAL`: pending memories of the extraction, saved memories of the
                  user through the HNSW index) and one batched insert. Batching the look-ups (they were two per
                  memory) took it from 238 to 1,345 memories/s on this machine; what remains is the vector distance
                  work that COPY does not do.
                - **`vs_langchain4j_ingestor`.** Engram's extra work is the extraction and the number of texts it
                  embeds: about 16 memories per 400-token chunk of these dense meeting notes, each a separate ONNX
                  run, where LangChain4j runs one per segment. `embedAll` runs texts one by one; batching a chunk's
                  short memories into one padded ONNX run is the largest remaining gain for the local provider.
                - **`api_p95_ms`.** Locally the API shares two cores with the pipeline (two embedding threads at
                  full load) and with the AWS stand-ins it calls on every request (S3 put, DynamoDB put, SQS send).
                  The latency is the wait for a core. On AWS the API is its own function and does not share CPU
                  with the workers; locally, fewer chunk pollers than cores keep a core for the API.
                - **ONNX threads.** `ceiling_with_onnx_default_threads` runs the same ceiling with ONNX Runtime's
                  default intra-op threads (one per core in every run, as the library ships it); Engram's
                  `engram.embed.intra-op-threads=1` was within noise of it on a quiet machine and up to 1.7x faster
                  when other work competed for the CPU (`shipped_speedup` in the details).

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
                properties passed through `BENCH_OPTS`, e.g. `make bench BENCH_OPTS="-Dbench.docs=24"`
                (`bench.docs`, `bench.doc-chars`, `bench.pdf-pages`, `bench.api-rate`, `bench.api-seconds`,
                `bench.ready-runs`, `bench.threads`, ports `bench.pg-port` ...). The run uses database
                `engram_bench`, queues, table and bucket named `engram-bench-*`, and LangChain4j's table
                `bench_langchain4j_segments`, so it never touches what `make run` or `make test` use.
                """.formatted(report.table(), report.startedAt(), report.details().get("total_seconds"),
                m.get("nproc"), m.get("memory_gib"), m.get("cpu"), m.get("os"), m.get("jdk"),
                m.get("load_average_at_start"), m.get("load_average_at_end"), detailsJson);
    }
}
