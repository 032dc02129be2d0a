package dev.engram.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The remote-provider section of docs/BENCHMARKS.md, from the run's own details. */
final class RemoteDoc {

    private RemoteDoc() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> details) {
        if (!(details.get("remote") instanceof Map<?, ?> r)) {
            return "## Remote provider run\n\nNot part of this run (`make bench BENCH=remote` runs it alone).\n";
        }
        Map<String, Object> remote = (Map<String, Object>) r;
        Map<String, Object> cost = (Map<String, Object>) remote.get("cost_inputs");
        Map<String, Double> cpu = (Map<String, Double>) remote.get("cpu_seconds");
        double seconds = ((Number) remote.get("seconds")).doubleValue();
        int pollers = ((Number) remote.get("chunk_pollers")).intValue();
        int chunks = ((Number) remote.get("chunks")).intValue();
        double wallPerChunk = ((Number) cost.get("process_local_wall_seconds_per_chunk")).doubleValue();
        double billedPerChunk = ((Number) cost.get("process_billed_seconds_per_chunk")).doubleValue();
        Map<String, Double> usd = (Map<String, Double>) remote.get("lambda_usd_per_million_chunks");
        // Each poller holds one batch at a time: the most the pollers could carry at the measured batch time.
        double pollerCeiling = pollers * 60 / wallPerChunk;
        double pollersBusy = wallPerChunk * chunks / (pollers * seconds);
        double busy = ((Number) remote.get("machine_cpu_busy_share")).doubleValue();
        int cores = Runtime.getRuntime().availableProcessors();
        // What the cores could carry at the CPU the run spent per chunk, if nothing else ran on them: everything the
        // run needs (Engram, Postgres, the stand-ins, the driver), and Engram alone.
        double runCpuPerChunk = cpu.entrySet().stream().filter(e -> !e.getKey().equals("wall")
                && !e.getKey().equals("other")).mapToDouble(Map.Entry::getValue).sum() / chunks;
        double engramCpuPerChunk = cpu.getOrDefault("engram", 0.0) / chunks;
        double chunksPerMin = ((Number) remote.get("chunks_per_min")).doubleValue();
        RemoteProvider.Counts answers = (RemoteProvider.Counts) remote.get("provider_answers");
        Map<String, Object> setting = (Map<String, Object>) remote.get("provider");
        double providerPerChunk = (answers.chatOk() * ((Number) setting.get("chat_ms")).doubleValue()
                + answers.embedRequests() * ((Number) setting.get("embed_ms")).doubleValue()) / 1000 / chunks;
        return String.format(Locale.ROOT, """
                ## Remote provider run

                Engram started as deployed (the functions' `JAVA_TOOL_OPTIONS`) with `ENGRAM_EXTRACT_PROVIDER=openai`
                and `ENGRAM_EMBED_PROVIDER=openai` pointed at `RemoteProvider`, an OpenAI-compatible stand-in in the
                benchmark driver (JDK HTTP server, a virtual thread per request): `/v1/chat/completions` answers the
                extraction prompt after %s ms ± %s ms with the chunk's decisions, tasks, insights, contacts and topic
                in the schema of Engram's `ExtractionAnswer`; `/v1/embeddings` answers after %s ms per request with
                unit vectors of the requested dimension. The chunk queue is read in batches of %s (template.yaml's
                `BatchSize` when extraction uses an LLM) by %s pollers (`engram.local.runner.concurrency.chunks`,
                `bench.remote-pollers`: the in-flight batches one process can hold; on AWS each is a process function
                instance), at normal CPU priority (`engram.local.runner.nice=0`, as functions of their own). The
                corpus is generated meeting notes, every other document submitted with `auto_save`;
                the time runs from the first submission until every job is finished and the auto-saved ones saved.
                This part runs %s times on the same Engram, each time as users of their own, and the figures of this
                section come from the run at the median chunks/min (all runs: %s chunks/min).
                Then a second corpus runs under a requests-per-minute quota at %s of the chat rate the first part
                reached: answers beyond it are 429 with `retry-after`, `retry-after-ms` and
                `x-ratelimit-limit/remaining/reset-requests`, as OpenAI sends them, while a fresh Engram is
                configured for the rate the first part reached (`ENGRAM_LLM_REQUESTS_PER_MINUTE`, %s/min), so only its
                adaptive limiter can find the quota. `remote_quota_utilisation` is the
                successful answers per minute from %s s after the part's start until the answers stop for more than
                5 s, over the quota; answers after such a gap (chunks that ran out of retries and came back after the
                queue's visibility timeout) are counted apart, and the jobs' final states show whether any was lost.
                This part runs %s times, each on a fresh Engram as users of their own (utilisation: %s).

                **Where it stops.** Over the %.0f s of the first part the machine's %d cores were %.0f%% busy (all
                processes, `/proc`; `other` is work on the machine that is not this run's); per 1,000 chunks: %s CPU
                seconds (`bench_driver` includes the provider stand-in and the request counters). At %.1f ms of CPU a
                chunk for the whole run, the %d cores could carry at most %.0f chunks/min if nothing else ran on them;
                at Engram's own %.1f ms a chunk, Engram alone would need %.1f cores for 15,000 chunks/min, and reached
                %.0f%% of the goal here. The process stage took %.3f s per chunk in Engram's own timer
                (`engram.chunks.processing`): with %d pollers each holding one batch, at most %.0f chunks/min; the
                pollers were busy %.0f%% of the time. Of those %.3f s, %.3f s were the provider's answer times (each
                request at its set latency); the rest is Engram's own path: its CPU, Postgres, DynamoDB
                and SQS. Postgres's connections (the pool is `quarkus.datasource.reactive.max-size`, 8 per process)
                were, on average over the run: %s (`pg_stat_activity` twice a second; `Lock/advisory` is a connection
                waiting for an advisory lock: the graph's lock per user, the lock per user on saves, or a chunk that
                has waited 3 s for its document's turn at deduplication and now queues for it; before that, a chunk
                whose document is being stored gives its connection back and tries again).

                **Cost per million chunks (`lambda_usd_per_million_chunks`).** Method: the process function is billed
                for its batch's wall time, which includes the waits for the provider. Its billed seconds per chunk
                are taken as the provider's answer times Engram waited for (every chat and embedding request of the
                run at the provider's set latency; a batch's chunks are extracted one after the other) plus Engram's
                own CPU seconds outside the split stage, per chunk: %.3f s, times %.0f GB (template.yaml's
                `MemorySize`). That is the least a function could be billed, CPU waits and round trips to SQS,
                DynamoDB and Aurora not included. Billed instead for the wall time the batches took here (%.3f s a
                chunk in Engram's own timer, inflated by the shared cores, the connection pool and the local
                stand-ins), the total would be $%.2f: the real figure lies between the two. Invocations are the
                batches counted by the same timer. The split function's
                GB-seconds use the CPU seconds of Engram's ingest poller threads per chunk (%.4f s; a lower bound: its
                S3, SQS and DynamoDB waits are not in it), one invocation per two documents (its `BatchSize`). SQS
                requests (%s per chunk) and DynamoDB capacity units (%s write, %s read per chunk) are counted by
                pass-through proxies between Engram and the stand-ins (a unit per KB written, two in a transaction;
                half a unit per 4 KB read, one when consistent). Aurora I/O is Postgres's blocks read from outside
                its buffers plus WAL written in 4 KiB units (%s per chunk). Prices: %s. Not included: the API
                function, Aurora's ACU-hours and storage, the provider's own bill, data transfer.
                """, remote.get("provider") instanceof Map<?, ?> p ? p.get("chat_ms") : "?",
                remote.get("provider") instanceof Map<?, ?> p2 ? p2.get("chat_jitter_ms") : "?",
                remote.get("provider") instanceof Map<?, ?> p3 ? p3.get("embed_ms") : "?",
                remote.get("batch_size"), pollers, remote.getOrDefault("runs", 1),
                remote.getOrDefault("chunks_per_min_runs", List.of(chunksPerMin)), RemoteRun.QUOTA_SHARE,
                remote.get("quota") instanceof Map<?, ?> q ? q.get("engram_configured_rpm") : "?",
                RemoteRun.QUOTA_SETTLE_SECONDS,
                remote.get("quota") instanceof Map<?, ?> q2 ? q2.get("runs") : "?",
                remote.get("quota") instanceof Map<?, ?> q3 ? q3.get("utilisation_runs") : "?",
                cpu.getOrDefault("wall", seconds), cores, 100 * busy,
                remote.get("cpu_seconds_per_1000_chunks"), 1000 * runCpuPerChunk, cores,
                cores * 60 / runCpuPerChunk, 1000 * engramCpuPerChunk, 15_000 * engramCpuPerChunk / 60,
                100 * chunksPerMin / 15_000, wallPerChunk, pollers, pollerCeiling, 100 * pollersBusy, wallPerChunk,
                providerPerChunk,
                ((Map<String, Object>) remote.get("postgres")).get("mean_busy_connections_by_wait"),
                billedPerChunk, ((Number) cost.get("function_memory_gb")).doubleValue(), wallPerChunk,
                usd.get("total_at_local_wall_time"),
                ((Number) cost.get("split_billed_seconds_per_chunk")).doubleValue(),
                cost.get("sqs_requests_per_chunk"), cost.get("dynamodb_write_units_per_chunk"),
                cost.get("dynamodb_read_units_per_chunk"), cost.get("aurora_io_per_chunk"), LambdaCost.PRICES)
                + prefilled((Map<String, Object>) remote.get("postgres"))
                + offline(remote.get("offline_same_run"), chunksPerMin, 1000 * runCpuPerChunk,
                        1000 * engramCpuPerChunk);
    }

    /**
     * The offline path's figures from the same run beside the remote ones, when the suite ran both: its end-to-end
     * chunks per minute (local extractor and embedder) and its CPU per chunk, whole stack and Engram's own.
     */
    @SuppressWarnings("unchecked")
    static String offline(Object sameRun, double remotePerMin, double remoteCpuMs, double remoteEngramMs) {
        if (!(sameRun instanceof Map<?, ?> o) || !(o.get("offline_chunks_per_min_median") instanceof Number perMin)
                || !(o.get("offline_cpu_seconds_per_1000_chunks") instanceof Map<?, ?> c)) {
            return "";
        }
        Map<String, Double> cpu = (Map<String, Double>) c;
        double offlineCpuMs = cpu.entrySet().stream().filter(e -> !e.getKey().equals("other"))
                .mapToDouble(Map.Entry::getValue).sum();
        return String.format(Locale.ROOT, """

                **Against the offline path, same run.** The end-to-end pipeline with the local extractor and embedder
                (`pipeline_vs_ceiling`'s runs, %d chunk pollers) did %.0f chunks/min at %.1f ms of CPU
                a chunk, %.1f of them Engram's, where the model's compute is Engram's; with the remote provider
                Engram did %.0f chunks/min (%.2f times as many) at %.1f ms a chunk, %.1f of them Engram's.
                """, Bench.POLLERS, perMin.doubleValue(), offlineCpuMs, cpu.getOrDefault("engram", 0.0), remotePerMin,
                remotePerMin / perMin.doubleValue(), remoteCpuMs, remoteEngramMs);
    }

    /** A paragraph on the memories of other users put in before the measured part, when there were any. */
    private static String prefilled(Map<String, Object> postgres) {
        if (!(postgres.get("prefilled_memories_of_other_users") instanceof Number n) || n.intValue() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, """

                Before the measured part the table held %,d saved memories of 40 other users as well
                (`bench.remote-prefill-memories`; random vectors, the HNSW index built over them): the size the full
                suite leaves, with an index larger than Postgres's buffers.
                """, n.intValue());
    }
}
