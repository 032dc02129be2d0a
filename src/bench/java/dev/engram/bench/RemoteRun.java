package dev.engram.bench;

import dev.engram.split.Chunker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The remote-provider run: Engram extracting and embedding through OpenAI-compatible endpoints
 * ({@link RemoteProvider}, in this process) instead of its in-process rules and model, started as deployed, its chunk
 * queue read in batches of template.yaml's size for LLM extraction by as many pollers as {@code bench.remote-pollers}.
 * Two parts: a corpus of generated meeting notes (half {@code auto_save}, half for review) with a quota that does not
 * bind, timed from the first submission until every job is finished; then a smaller corpus under a requests-per-minute
 * quota at half the chat rate the first part reached, to see whether the adaptive limiter keeps the pipeline at it.
 * Engram's requests to SQS and DynamoDB go through {@link AwsRequestCounter}s for the cost figure.
 */
final class RemoteRun {

    static final int CHUNKS = Integer.getInteger("bench.remote-chunks", 5000);
    static final int WARMUP_CHUNKS = Integer.getInteger("bench.remote-warmup-chunks", 400);
    static final int QUOTA_CHUNKS = Integer.getInteger("bench.remote-quota-chunks", 1000);
    /** Chunk pollers of the Engram under test: in-flight batches, as many as the machine sustains. */
    static final int POLLERS = Integer.getInteger("bench.remote-pollers", 64);
    /** The chunk queue's batch size with LLM extraction (template.yaml's {@code BatchSize} when ExtractsWithLlm). */
    static final int BATCH = Integer.getInteger("bench.remote-batch", 2);
    /** Ingest pollers (the split function's concurrency; template.yaml's SplitConcurrency default is 2). */
    static final int SPLIT_POLLERS = Integer.getInteger("bench.remote-split-pollers", 4);
    static final int CHAT_MS = Integer.getInteger("bench.remote-chat-ms", 400);
    static final int CHAT_JITTER_MS = Integer.getInteger("bench.remote-chat-jitter-ms", 100);
    static final int EMBED_MS = Integer.getInteger("bench.remote-embed-ms", 60);
    /** Engram's configured budget (requests/min): the limiter's ceiling, far above any quota of the run. */
    static final int CONFIGURED_RPM = Integer.getInteger("bench.remote-configured-rpm", 60_000);
    /** The binding quota as a share of the chat rate the unbound part reached. */
    static final double QUOTA_SHARE = Double.parseDouble(System.getProperty("bench.remote-quota-share", "0.5"));
    /** A fixed quota for the bound part instead of the share (0: the share), with Engram configured for twice it. */
    static final int QUOTA_RPM = Integer.getInteger("bench.remote-quota-rpm", 0);
    /** Extra environment of the Engram under test, {@code KEY=value} comma-separated (for experiments). */
    static final String EXTRA_ENV = System.getProperty("bench.remote-engram-env", "");
    /** Seconds at the start of the bound part left out of the utilisation (the limiter finding the quota). */
    static final int QUOTA_SETTLE_SECONDS = Integer.getInteger("bench.remote-quota-settle-seconds", 20);
    static final int HTTP_PORT = Integer.getInteger("bench.remote-http-port", Bench.HTTP_PORT);
    static final int PROVIDER_PORT = Integer.getInteger("bench.provider-port", 0);
    /**
     * Saved memories of other users put into the database before the measured part (0: none): the run alone then
     * meets a table and an HNSW index as large as the full suite leaves them, not one that fits in Postgres's buffers.
     */
    static final int PREFILL_MEMORIES = Integer.getInteger("bench.remote-prefill-memories", 0);
    static final String PREFIX = Bench.PREFIX + "remote-";

    /** The unbound part. */
    record Throughput(int documents, int chunks, double seconds, Map<String, Integer> states,
            Map<String, Double> cpuSeconds, Map<String, Double> engramThreads, RemoteProvider.Counts provider,
            AwsRequestCounter.Snapshot sqs, AwsRequestCounter.Snapshot dynamodb, LambdaCost cost,
            Map<String, Object> postgres) {

        double chunksPerMinute() {
            return chunks * 60 / seconds;
        }
    }

    /** The bound part. */
    record Quota(int quotaRpm, int configuredRpm, int chunks, double seconds, double achievedRpm, double windowSeconds,
            int answersAfterGap, double lastAnswerSeconds,
            Map<String, Integer> states, RemoteProvider.Counts provider, double limiterRpmAtEnd) {

        double utilisation() {
            return achievedRpm / quotaRpm;
        }

        boolean nothingLost() {
            return states.keySet().stream().allMatch(s -> s.startsWith("completed/"));
        }
    }

    /** The unbound part's runs and the bound part's, in order. */
    record Result(List<Throughput> runs, List<Quota> quotas, int pollers) {

        /** The bound run at the median utilisation (the upper one of an even count): its details are reported. */
        Quota quota() {
            List<Quota> sorted = quotas.stream().sorted(Comparator.comparingDouble(Quota::utilisation)).toList();
            return sorted.get(sorted.size() / 2);
        }

        Spread utilisation() {
            return Spread.of(quotas.stream().map(Quota::utilisation).toList());
        }

        boolean nothingLost() {
            return quotas.stream().allMatch(Quota::nothingLost);
        }

        /** The run at the median chunks per minute (the upper one of an even count): its details are reported. */
        Throughput throughput() {
            List<Throughput> sorted = runs.stream().sorted(Comparator.comparingDouble(Throughput::chunksPerMinute))
                    .toList();
            return sorted.get(sorted.size() / 2);
        }

        Spread chunksPerMinute() {
            return Spread.of(runs.stream().map(Throughput::chunksPerMinute).toList());
        }
    }

    /** Measured runs of the unbound part, each as users of its own on the same corpus. */
    static final int REPEATS = Integer.getInteger("bench.remote-repeats", Integer.getInteger("bench.repeats", 3));

    private final Chunker chunker = new Chunker(400, 48);

    Result run() throws Exception {
        try (var provider = RemoteProvider.start(PROVIDER_PORT, CHAT_MS, CHAT_JITTER_MS, EMBED_MS);
                var sqs = AwsRequestCounter.in(Bench.SQS_PORT);
                var dynamo = AwsRequestCounter.in(Bench.DDB_PORT)) {
            List<Throughput> runs = throughput(provider, sqs, dynamo);
            Throughput median = new Result(runs, null, POLLERS).throughput();
            double unboundChatRpm = QUOTA_RPM > 0 ? QUOTA_RPM / QUOTA_SHARE
                    : median.provider().chatOk() * 60 / median.seconds();
            // Each bound run on a fresh Engram, so that its limiter starts from the configured rate every time.
            List<Quota> quotas = new ArrayList<>();
            for (int run = 1; run <= REPEATS; run++) {
                try (var engram = engram(provider, sqs, dynamo, (int) Math.round(unboundChatRpm),
                        "engram-remote-quota-" + run)) {
                    quotas.add(bound(new EngramApi(HTTP_PORT), provider, unboundChatRpm, "bench-remote-quota-" + run));
                }
            }
            return new Result(runs, quotas, POLLERS);
        }
    }

    /** An Engram with the remote providers, ready, its extraction budget {@code configuredRpm}. */
    private EngramProcess engram(RemoteProvider provider, AwsRequestCounter sqs, AwsRequestCounter dynamo,
            int configuredRpm, String name) {
        var engram = EngramProcess.start(name, Bench.APPS.resolve("default"), BenchMain.ENGRAM_JVM_OPTS,
                env(provider, sqs, dynamo, configuredRpm), Bench.OUT.resolve("logs/" + name + ".log"));
        engram.awaitHttp200(URI.create("http://localhost:" + HTTP_PORT + "/q/health/ready"), Duration.ofSeconds(180));
        return engram;
    }

    private List<Throughput> throughput(RemoteProvider provider, AwsRequestCounter sqs, AwsRequestCounter dynamo)
            throws Exception {
        try (var engram = engram(provider, sqs, dynamo, CONFIGURED_RPM, "engram-remote")) {
            EngramApi api = new EngramApi(HTTP_PORT);
            Bench.log("remote: provider at %s, %d chunk pollers, batches of %d", provider.baseUrl(), POLLERS, BATCH);
            Corpus warmup = corpus(31, WARMUP_CHUNKS);
            submitAndAwait(api, warmup, "bench-remote-warmup", Duration.ofMinutes(10));
            if (PREFILL_MEMORIES > 0) {
                prefill(PREFILL_MEMORIES);
            }
            StackReset.analyze();

            Corpus corpus = corpus(SEED, CHUNKS);
            Bench.log("remote: %d documents, %d chunks, %d runs", corpus.documents().size(), corpus.chunks(), REPEATS);
            List<Throughput> runs = new ArrayList<>();
            for (int run = 1; run <= REPEATS; run++) {
                runs.add(measure(engram, api, provider, sqs, dynamo, corpus, "bench-remote-" + run));
            }
            return runs;
        }
    }

    /** One measured run of the corpus through {@code engram}, as users of the given name. */
    private Throughput measure(EngramProcess engram, EngramApi api, RemoteProvider provider, AwsRequestCounter sqs,
            AwsRequestCounter dynamo, Corpus corpus, String user) throws Exception {
        Map<String, Double> metricsBefore = metrics();
        var providerBefore = provider.counts();
        var sqsBefore = sqs.snapshot();
        var dynamoBefore = dynamo.snapshot();
        long[] pgBefore = postgresIo();
        resetStatements();
        CpuAccount cpu = CpuAccount.start(engram.pid());
        JavaThreadCpu threadCpu = JavaThreadCpu.start(engram.pid());
        PgWaits pgWaits = PgWaits.start();
        long t0 = System.nanoTime();
        Map<String, Integer> states = submitAndAwait(api, corpus, user, Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cpuSeconds = cpu.stop();
        Map<String, Double> threads = threadCpu.stop();
        pgWaits.close();
        Map<String, Double> metricsAfter = metrics();
        long[] pgAfter = postgresIo();
        var sqsUsed = sqs.snapshot().minus(sqsBefore);
        var dynamoUsed = dynamo.snapshot().minus(dynamoBefore);
        var providerUsed = provider.counts().minus(providerBefore);
        // Chunks processed one by one are timed whole, batched ones at their share of the batch: the sum is the
        // process stage's wall time. Batches hold two (the batch size), so the rest were alone.
        double processSeconds = delta(metricsBefore, metricsAfter, "engram_chunks_processing_seconds_sum");
        long processed = (long) delta(metricsBefore, metricsAfter, "engram_chunks_processing_seconds_count");
        long batches = (long) delta(metricsBefore, metricsAfter, "engram_chunks_batch_processing_seconds_count");
        long invocations = batches + Math.max(0, processed - (long) BATCH * batches);
        double splitCpu = threads.getOrDefault("local-event-source-ingest", 0.0);
        long auroraIo = (pgAfter[0] - pgBefore[0]) + (pgAfter[1] - pgBefore[1]) / 4096;
        LambdaCost cost = LambdaCost.of(new LambdaCost.Inputs(corpus.chunks(), corpus.documents().size(),
                invocations, processSeconds, (providerUsed.chatOk() * (double) CHAT_MS
                        + providerUsed.embedRequests() * (double) EMBED_MS) / 1000
                        + cpuSeconds.getOrDefault("engram", 0.0) - splitCpu, splitCpu, 2, sqsUsed.total(),
                dynamoUsed.writeUnits(),
                dynamoUsed.readUnits(), auroraIo));
        Map<String, Object> postgres = new LinkedHashMap<>();
        postgres.put("prefilled_memories_of_other_users", PREFILL_MEMORIES);
        postgres.put("blocks_read", pgAfter[0] - pgBefore[0]);
        postgres.put("wal_bytes", pgAfter[1] - pgBefore[1]);
        postgres.put("mean_busy_connections_by_wait", pgWaits.meanConnections());
        postgres.put("top_statements_by_time", topStatements("total_exec_time"));
        postgres.put("top_statements_by_blocks_read", topStatements("shared_blks_read"));
        Throughput throughput = new Throughput(corpus.documents().size(), corpus.chunks(), seconds, states,
                cpuSeconds, threads, providerUsed, sqsUsed, dynamoUsed, cost, postgres);
        Bench.log("remote: %d chunks in %.1f s = %.0f chunks/min; %s; CPU %s; provider %s", corpus.chunks(),
                seconds, throughput.chunksPerMinute(), states, cpuSeconds, providerUsed);
        Bench.log("remote: engram threads %s", threads);
        Bench.log("remote: %s", cost);
        return throughput;
    }

    private static final int SEED = 21;

    /**
     * The bound part, on an Engram configured for the chat rate the unbound part reached: a provider quota at a share
     * of it, a corpus of its own.
     */
    private Quota bound(EngramApi api, RemoteProvider provider, double unboundChatRpm, String user) throws Exception {
        int quotaRpm = (int) Math.max(60, Math.round(unboundChatRpm * QUOTA_SHARE));
        Corpus corpus = corpus(SEED + 1, QUOTA_CHUNKS);
        provider.quota(quotaRpm);
        var before = provider.counts();
        long t0 = System.nanoTime();
        double expectedMinutes = corpus.chunks() / (double) quotaRpm;
        Map<String, Integer> states = submitAndAwait(api, corpus, user,
                Duration.ofMinutes(10 + (long) (3 * expectedMinutes)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        var used = provider.counts().minus(before);
        double limiterRpm = metrics().getOrDefault("engram_llm_rate_rpm{limiter=\"llm-extract\"}", Double.NaN);
        provider.quota(0);
        // Successful answers per minute after the limiter settled, until the answers stop for more than 5 s: the
        // pace the pipeline kept while it had work for the whole quota. What comes after such a gap is a chunk that
        // ran out of retries coming back after the queue's visibility timeout; it is counted apart.
        long from = t0 + QUOTA_SETTLE_SECONDS * 1_000_000_000L;
        List<Long> times = provider.chatSuccessTimes().stream().filter(t -> t >= from).toList();
        int steady = 1;
        while (steady < times.size() && times.get(steady) - times.get(steady - 1) <= 5_000_000_000L) {
            steady++;
        }
        double window = times.size() < 2 ? Double.NaN : (times.get(steady - 1) - from) / 1e9;
        double achieved = steady * 60 / window;
        double lastAnswer = times.isEmpty() ? Double.NaN : (times.get(times.size() - 1) - t0) / 1e9;
        Quota q = new Quota(quotaRpm, (int) Math.round(unboundChatRpm), corpus.chunks(), seconds, achieved, window,
                times.size() - steady, lastAnswer, states, used, limiterRpm);
        Bench.log("remote quota: %d/min, achieved %.0f/min (%.2f) over %.0f s; %s; provider %s; limiter %.0f/min",
                quotaRpm, achieved, q.utilisation(), window, states, used, limiterRpm);
        return q;
    }

    private Map<String, String> env(RemoteProvider provider, AwsRequestCounter sqs, AwsRequestCounter dynamo,
            int configuredRpm) {
        Map<String, String> env = Bench.engramEnv(PREFIX, HTTP_PORT);
        env.put("ENGRAM_LOCAL_SQS_PORT", Integer.toString(sqs.port()));
        env.put("ENGRAM_LOCAL_DDB_PORT", Integer.toString(dynamo.port()));
        env.put("ENGRAM_EXTRACT_PROVIDER", "openai");
        env.put("ENGRAM_EMBED_PROVIDER", "openai");
        env.put("ENGRAM_OPENAI_BASE_URL", provider.baseUrl());
        env.put("ENGRAM_OPENAI_API_KEY", "bench-key");
        env.put("ENGRAM_LLM_REQUESTS_PER_MINUTE", Integer.toString(configuredRpm));
        env.put("ENGRAM_EMBED_OPENAI_REQUESTS_PER_MINUTE", Integer.toString(CONFIGURED_RPM));
        env.put("ENGRAM_QUEUES_BATCH_SIZE", Integer.toString(BATCH));
        env.put("ENGRAM_LOCAL_RUNNER_CONCURRENCY_CHUNKS", Integer.toString(POLLERS));
        env.put("ENGRAM_LOCAL_RUNNER_CONCURRENCY_INGEST", Integer.toString(SPLIT_POLLERS));
        // The pollers stand in for functions of their own: no lower CPU priority than the API (or than the other
        // work on a shared machine), which the local profile gives them so that `make run` stays responsive.
        env.put("ENGRAM_LOCAL_RUNNER_NICE", "0");
        for (String kv : EXTRA_ENV.split(",")) {
            if (kv.contains("=")) {
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        return env;
    }

    /** Generated meeting notes until the chunks reach {@code chunks}. */
    private Corpus corpus(long seed, int chunks) {
        MeetingNotes notes = new MeetingNotes(seed);
        List<String> docs = new ArrayList<>();
        int total = 0;
        while (total < chunks) {
            String doc = notes.document(BenchMain.DOC_CHARS);
            docs.add(doc);
            total += chunker.chunk(doc).size();
        }
        return new Corpus(docs, total);
    }

    private record Corpus(List<String> documents, int chunks) {
    }

    /**
     * Submits the documents from a few threads, alternating {@code auto_save} on ({@code user-saved}) and off
     * ({@code user-review}), then waits until every job is finished, and every auto-saved one saved.
     */
    private static Map<String, Integer> submitAndAwait(EngramApi api, Corpus corpus, String user, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Set<String>> tasks = new HashMap<>();
        tasks.put(user + "-saved", java.util.concurrent.ConcurrentHashMap.newKeySet());
        tasks.put(user + "-review", java.util.concurrent.ConcurrentHashMap.newKeySet());
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < corpus.documents().size(); i++) {
                String doc = corpus.documents().get(i);
                boolean autoSave = i % 2 == 0;
                String owner = user + (autoSave ? "-saved" : "-review");
                sent.add(senders.submit(() -> tasks.get(owner).add(api.submitText(owner, doc, autoSave)
                        .get("task_id").asText())));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        while (true) {
            Map<String, Integer> states = new TreeMap<>();
            boolean done = true;
            for (var e : tasks.entrySet()) {
                done &= finished(api, e.getKey(), e.getValue(), e.getKey().endsWith("-saved"), states);
            }
            if (done) {
                return states;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for the jobs of " + user + ": " + states);
            }
            Bench.sleep(250);
        }
    }

    /** Whether every one of the user's jobs is finished; adds their {@code state/extraction_status} to states. */
    private static boolean finished(EngramApi api, String user, Set<String> taskIds, boolean autoSave,
            Map<String, Integer> states) {
        int[] seen = {0};
        boolean[] done = {true};
        api.eachJob(user, taskIds, job -> {
            String state = job.path("state").asText();
            String status = job.path("extraction_status").asText();
            // A completed job's review status is set after its state: still "processing" until then.
            done[0] &= Set.of("completed", "completed_with_errors", "failed", "cancelled").contains(state)
                    && !status.equals("processing")
                    && !(autoSave && state.equals("completed") && !status.equals("auto_saved"));
            states.merge(state + "/" + status, 1, Integer::sum);
            seen[0]++;
        });
        return done[0] && seen[0] == taskIds.size();
    }

    /** Engram's Prometheus metrics: each series (name and labels) with its value. */
    private static Map<String, Double> metrics() {
        EngramApi probe = new EngramApi(HTTP_PORT);
        Map<String, Double> out = new HashMap<>();
        try {
            HttpResponse<String> r = probe.http().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + HTTP_PORT + "/q/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                try {
                    out.merge(line.substring(0, space).replace(",}", "}"),
                            Double.parseDouble(line.substring(space + 1)), Double::sum);
                } catch (NumberFormatException e) {
                    // not a sample
                }
            }
        } catch (Exception e) {
            Bench.log("remote: no metrics: %s", e.getMessage());
        }
        return out;
    }

    /** The sum over every series of a metric (all label sets) after minus before. */
    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return sum(after, name) - sum(before, name);
    }

    private static double sum(Map<String, Double> series, String name) {
        return series.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Blocks the bench database read from outside Postgres's buffers, and WAL bytes written (the server's). */
    private static long[] postgresIo() throws SQLException {
        try (Connection db = Bench.database(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT blks_read FROM pg_stat_database WHERE datname ="
                        + " current_database()), (SELECT wal_bytes FROM pg_stat_wal)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static void resetStatements() {
        try (Connection db = Bench.database(); Statement st = db.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            st.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            Bench.log("remote: pg_stat_statements unavailable: %s", e.getMessage());
        }
    }

    /**
     * The statements that took most of Postgres's time (or read most blocks from outside its buffers) since the reset,
     * when pg_stat_statements is loaded.
     */
    private static List<Map<String, Object>> topStatements(String orderBy) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection db = Bench.database(); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 140), calls,"
                        + " round(total_exec_time::numeric, 1), shared_blks_read, shared_blks_hit"
                        + " FROM pg_stat_statements s JOIN pg_database d"
                        + " ON d.oid = s.dbid WHERE d.datname = current_database()"
                        + " ORDER BY " + orderBy + " DESC LIMIT 8")) {
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("query", rs.getString(1));
                m.put("calls", rs.getLong(2));
                m.put("total_ms", rs.getDouble(3));
                m.put("blocks_read", rs.getLong(4));
                m.put("blocks_hit", rs.getLong(5));
                out.add(m);
            }
        } catch (SQLException e) {
            out.add(Map.of("unavailable", String.valueOf(e.getMessage())));
        }
        return out;
    }

    /**
     * Adds {@code count} saved memories of 40 other users, six types, vectors at random (the same with every run),
     * marked with the model of the memories already there (the warm-up's), so re-embedding leaves them alone:
     * the HNSW indexes of {@code memories} are dropped, the rows inserted and the indexes built again from their own
     * definitions, which takes a minute or two where inserting through the index would take many.
     */
    private static void prefill(int count) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection db = Bench.database(); Statement st = db.createStatement()) {
            List<String[]> indexes = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT indexname, indexdef FROM pg_indexes"
                    + " WHERE tablename = 'memories' AND indexdef LIKE '% USING hnsw %'")) {
                while (rs.next()) {
                    indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            int dim;
            try (ResultSet rs = st.executeQuery("SELECT atttypmod FROM pg_attribute"
                    + " WHERE attrelid = 'memories'::regclass AND attname = 'embedding'")) {
                rs.next();
                dim = rs.getInt(1);
            }
            for (String[] index : indexes) {
                st.execute("DROP INDEX " + index[0]);
            }
            st.execute("SELECT setseed(0.21)");
            st.execute(("""
                    INSERT INTO memories (id, user_id, content, memory_type, source, metadata, embedding,
                            embedding_status, embedding_model, created_at)
                    SELECT md5('prefill' || g)::uuid, 'bench-prefill-' || (g %% 40),
                           'Earlier memory ' || g || ': ' || md5(g::text) || ', noted in a meeting and kept.',
                           (ARRAY['decision', 'task', 'insight', 'contact', 'date', 'topic'])[1 + (g / 40) %% 6],
                           'manual', jsonb_build_object('assignee', 'Person ' || (g %% 17)),
                           (SELECT array_agg(random() - 0.5)::vector FROM generate_series(1, %d + 0 * g)),
                           'ready', coalesce(m.model, 'bench-prefill'), now() - make_interval(secs => g)
                    FROM generate_series(1, %d) g
                    LEFT JOIN (SELECT max(embedding_model) AS model FROM memories) m ON true""").formatted(dim, count));
            st.execute("SET maintenance_work_mem = '512MB'");
            for (String[] index : indexes) {
                st.execute(index[1]);
            }
        }
        Bench.log("remote: prefilled %d memories of other users in %.0f s", count, (System.nanoTime() - t0) / 1e9);
    }
}
