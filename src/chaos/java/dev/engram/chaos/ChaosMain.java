package dev.engram.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.bench.Bench;
import dev.engram.bench.EngramProcess;
import dev.engram.bench.StackReset;
import dev.engram.extract.llm.FakeOpenAi;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code make chaos}: Engram on the local stack under faults. An API process and a worker process (the local runner's
 * stages) run the packaged build whose AWS clients carry {@code FaultInjection}; both reach Postgres through a proxy
 * that cuts connections, extract through a fake LLM that answers 429, 500, garbage or slowly, and the worker is
 * killed with {@code kill -9} at random. Several users submit a mixed load meanwhile. When the faults stop the run
 * waits a bounded time for every job to settle, checks the invariants and writes {@code summary.json} and the docs
 * page.
 */
public final class ChaosMain {

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("engram", "engram-local"));
    private static final String FAULT = "dev.engram.platform.aws.FaultInjection";
    /** How long a settled run must stay unchanged: one schedule period of the sweeps, and a margin. */
    private static final Duration QUIET = Duration.ofSeconds(20);

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();
        Path out = settings.out();
        Path logs = out.resolve("logs");
        Files.createDirectories(logs);
        try (var files = Files.list(logs)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Path stopFile = out.resolve("faults.stopped").toAbsolutePath();
        Files.writeString(stopFile, "");
        log("resetting the run's database, queues, table and bucket (prefix %s)", Bench.PREFIX);
        resetDatabase();
        StackReset.aws();
        S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://localhost:" + Bench.S3_PORT))
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()).build();
        emptyBucket(s3);
        Instant started = Instant.now();
        int exit;
        try (FakeOpenAi llm = FakeOpenAi.start().slowMillis(3000);
                PostgresProxy proxy = new PostgresProxy(settings.proxyPort(), Bench.PG_PORT)) {
            Map<String, String> worker = env(settings, settings.workerPort(), llm, logs.resolve("faults-worker.log"),
                    stopFile, 1.0);
            worker.put("ENGRAM_LOCAL_RUNNER_ENABLED", "true");
            worker.put("ENGRAM_FAULT_INJECTION_HALT_BEFORE_COUNT_RATE", Double.toString(settings.haltRate()));
            Map<String, String> apiEnv = env(settings, settings.apiPort(), llm, logs.resolve("faults-api.log"),
                    stopFile, settings.apiFaultShare());
            apiEnv.put("ENGRAM_LOCAL_RUNNER_ENABLED", "false");
            try (WorkerSupervisor workers = new WorkerSupervisor(settings.appDir(), worker, logs,
                    settings.workerPort())) {
                log("starting the worker (it provisions the queues, table and bucket)");
                workers.start();
                workers.awaitReady(Duration.ofMinutes(3));
                try (EngramProcess apiProcess = EngramProcess.start("api", settings.appDir(), List.of("-Xmx512m"),
                        apiEnv, logs.resolve("api.log"))) {
                    apiProcess.awaitHttp200(URI.create("http://localhost:" + settings.apiPort() + "/q/health/ready"),
                            Duration.ofMinutes(3));
                    exit = run(settings, workers, apiProcess, llm, proxy, s3, stopFile, started);
                }
            }
        }
        System.exit(exit);
    }

    private static int run(ChaosSettings settings, WorkerSupervisor workers, EngramProcess apiProcess, FakeOpenAi llm,
            PostgresProxy proxy, S3Client s3, Path stopFile, Instant started) throws Exception {
        ChaosApi api = new ChaosApi(settings.apiPort());
        MixedLoad load = new MixedLoad(api, s3, Bench.BUCKET, settings);
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://localhost:" + Bench.DDB_PORT)).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        SqsClient sqs = SqsClient.builder().endpointOverride(URI.create("http://localhost:" + Bench.SQS_PORT))
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        String table = Bench.PREFIX + "jobs";

        log("faults on: DynamoDB %.3f, SQS %.3f, S3 %.3f of calls, LLM %.2f, Postgres %.0f cuts/min, halt %.3f; "
                + "kill -9 every %d-%d s; %d jobs from %d users", settings.dynamodbRate(), settings.sqsRate(),
                settings.s3Rate(), settings.llmRate(), settings.pgCutsPerMinute(), settings.haltRate(),
                settings.killEveryMin(), settings.killEveryMax(), settings.jobs(), settings.users());
        long faultsFrom = System.nanoTime();
        Files.delete(stopFile);
        llm.randomFaults(settings.llmRate());
        proxy.cutsPerMinute(settings.pgCutsPerMinute());
        workers.killAtRandom(settings.killEveryMin(), settings.killEveryMax());
        AtomicBoolean resending = new AtomicBoolean(true);
        AtomicInteger duplicates = new AtomicInteger();
        Thread resender = Thread.ofPlatform().daemon().name("resender")
                .start(() -> resend(settings, load, dynamo, sqs, table, resending, duplicates));
        load.run();
        long minimum = faultsFrom + settings.faultSeconds() * 1_000_000_000L;
        while (System.nanoTime() < minimum) {
            Thread.sleep(500);
        }
        double faultSeconds = (System.nanoTime() - faultsFrom) / 1e9;
        resending.set(false);
        resender.join();
        workers.stopKilling();
        Files.writeString(stopFile, "");
        llm.randomFaults(0);
        proxy.cutsPerMinute(0);
        log("faults off after %.0f s; waiting for every job to settle (giving up after %d s without a change, or "
                + "%d s in all)", faultSeconds, settings.settleIdle(), settings.settleSeconds());

        workers.awaitReady(Duration.ofMinutes(3));
        Invariants invariants = new Invariants(dynamo, s3, sqs, table, Bench.BUCKET, Bench.PREFIX);
        long settleFrom = System.nanoTime();
        settle(settings, invariants);
        double settleSeconds = (System.nanoTime() - settleFrom) / 1e9;
        Invariants.Verdict verdict;
        try (Connection db = Bench.database()) {
            verdict = invariants.check(load.submitted(), db);
        }
        verdict.duplicated += load.repeatMismatches();
        if (load.repeatMismatches() > 0) {
            verdict.example("duplicated", load.repeatMismatches() + " repeated requests answered with another job");
        }
        Map<String, Integer> byProcess = new TreeMap<>();
        Map<String, Integer> faults = faults(settings.out().resolve("logs"), llm, proxy, byProcess);
        int halts = faults.getOrDefault("halt_before_count", 0);
        faults.remove("halt_before_count");
        byProcess.merge("worker", -halts, Integer::sum);
        var done = new ChaosReport.Disturbances(workers.kills(), halts, workers.starts(), duplicates.get(),
                load.repeatedKeys(), load.progressPolls(), byProcess);
        ObjectNode summary = ChaosReport.summary(settings, verdict, faults, done, api, faultSeconds, settleSeconds,
                Duration.between(started, Instant.now()).toSeconds());
        ChaosReport.write(settings, summary);
        boolean held = verdict.stuck == 0 && verdict.lost == 0 && verdict.duplicated == 0 && verdict.orphans == 0
                && api.serverErrors() == 0 && verdict.countMismatches == 0
                && verdict.storedMismatches == 0 && verdict.unexplainedErrors == 0
                && verdict.dlqUnexplained == 0;
        boolean scale = settings.isShort() || verdict.jobs >= 300 && ChaosReport.total(faults) >= 2000
                && workers.kills() >= 10;
        log("%s", held ? "every invariant held" : "INVARIANTS VIOLATED: see " + settings.out().resolve("summary.json"));
        if (!scale) {
            log("the run fell short of the default scale (300 jobs, 2,000 faults, 10 kills)");
        }
        return held ? 0 : 1;
    }

    /**
     * Waits until the run has settled: every job terminal, nothing left in the work queues (visible, in flight or
     * delayed) and nothing changing for {@link #QUIET} (a schedule period, so a dead letter waiting for its sweep is
     * redriven first). The wait follows progress, not the clock: on a loaded machine the jobs take longer, and as
     * long as the job table or the queues keep changing the run waits, up to {@code settleSeconds} in all. Only when
     * nothing changed for {@code settleIdle} (longer than the product's own timers: the queued timeout, an upload
     * URL's expiry, a dead letter's backoff) are the jobs still unfinished stuck.
     */
    private static void settle(ChaosSettings settings, Invariants invariants) throws InterruptedException {
        long from = System.nanoTime();
        long deadline = from + settings.settleSeconds() * 1_000_000_000L;
        long idleLimit = settings.settleIdle() * 1_000_000_000L;
        long lastChange = from;
        String lastState = null;
        while (true) {
            var items = invariants.scan();
            List<String> unfinished = Invariants.unfinished(items);
            int queued = invariants.workInQueues();
            String state = Invariants.fingerprint(items) + "/" + queued;
            long now = System.nanoTime();
            if (!state.equals(lastState)) {
                lastState = state;
                lastChange = now;
            }
            boolean quiet = unfinished.isEmpty() && queued == 0;
            if (quiet && now - lastChange >= QUIET.toNanos()) {
                return;
            }
            if (now - lastChange > idleLimit) {
                log("nothing changed for %d s: %d jobs are stuck", settings.settleIdle(), unfinished.size());
                return;
            }
            if (now > deadline) {
                log("the jobs did not settle within %d s", settings.settleSeconds());
                return;
            }
            if (!quiet) {
                log("%d jobs not finished yet, %d messages in the work queues%s", unfinished.size(), queued,
                        unfinished.isEmpty() ? "" : ", e.g. " + unfinished.getFirst());
            }
            Thread.sleep(5000);
        }
    }

    /** Sends the split request of a random accepted job again, as a duplicate SQS delivery does. */
    private static void resend(ChaosSettings settings, MixedLoad load, DynamoDbClient dynamo, SqsClient sqs,
            String table, AtomicBoolean running, AtomicInteger sent) {
        String queue = null;
        while (running.get()) {
            try {
                Thread.sleep(settings.duplicateEvery() * 1000L);
                List<MixedLoad.Submitted> accepted = load.submitted().stream()
                        .filter(s -> s.taskId != null && s.taskId.startsWith("tsk_")).toList();
                if (accepted.isEmpty()) {
                    continue;
                }
                MixedLoad.Submitted s = accepted.get(ThreadLocalRandom.current().nextInt(accepted.size()));
                var item = dynamo.getItem(b -> b.tableName(table).key(Map.of("pk",
                        AttributeValue.fromS("JOB#" + s.taskId), "sk", AttributeValue.fromS("JOB")))).item();
                // Only a message that was sent can be delivered twice: a job still pending may never have had one
                // (an upload not yet made).
                if (item == null || item.isEmpty() || Invariants.str(item, "input_key").isEmpty()
                        || Invariants.str(item, "state").equals("pending")) {
                    continue;
                }
                if (queue == null) {
                    queue = sqs.getQueueUrl(b -> b.queueName(Bench.PREFIX + "ingest")).queueUrl();
                }
                ObjectNode message = ChaosApi.JSON.createObjectNode().put("kind", "split_requested")
                        .put("task_id", s.taskId).put("user_id", s.user).put("key", Invariants.str(item, "input_key"));
                String url = queue;
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(message.toString()));
                sent.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log("resend failed: %s", e.getMessage());
            }
        }
    }

    private static Map<String, String> env(ChaosSettings settings, int port, FakeOpenAi llm, Path faultLog,
            Path stopFile, double share) {
        Map<String, String> env = new HashMap<>(Bench.engramEnv(Bench.PREFIX, port));
        String db = "localhost:" + settings.proxyPort() + "/" + Bench.DATABASE;
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + db);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + db);
        env.put("ENGRAM_EXTRACT_PROVIDER", "openai");
        env.put("ENGRAM_OPENAI_BASE_URL", llm.baseUrl());
        env.put("ENGRAM_OPENAI_API_KEY", "chaos");
        env.put("ENGRAM_LLM_REQUESTS_PER_MINUTE", "6000");
        // Short invocation deadlines and visibility timeouts: a killed delivery comes back within the run.
        env.put("ENGRAM_LOCAL_RUNNER_INVOCATION_TIMEOUT", "PT20S");
        env.put("ENGRAM_QUEUES_VISIBILITY_TIMEOUT", "PT30S");
        env.put("ENGRAM_LOCAL_RUNNER_WAIT_TIME", "PT1S");
        env.put("ENGRAM_LOCAL_RUNNER_SCHEDULE_EVERY", "15s");
        env.put("ENGRAM_DLQ_AUTO_RETRY_BACKOFF", "PT5S");
        env.put("ENGRAM_INGEST_PRESIGNED_VALIDITY", "PT60S");
        // A job whose split request never left is failed by the sweep after this (30 minutes outside the run); it
        // must outlast the ingest backlog the kills build up, or healthy jobs are failed as never queued.
        env.put("ENGRAM_JOBS_QUEUED_TIMEOUT", "PT" + settings.queuedTimeoutSeconds() + "S");
        env.put("ENGRAM_SPLIT_CHUNK_TOKENS", "160");
        env.put("ENGRAM_SPLIT_OVERLAP_TOKENS", "16");
        env.put("ENGRAM_AWS_S3_INTERCEPTORS", FAULT);
        env.put("ENGRAM_FAULT_INJECTION_ENABLED", "true");
        env.put("ENGRAM_FAULT_INJECTION_DYNAMODB_RATE", Double.toString(settings.dynamodbRate() * share));
        env.put("ENGRAM_FAULT_INJECTION_SQS_RATE", Double.toString(settings.sqsRate() * share));
        env.put("ENGRAM_FAULT_INJECTION_S3_RATE", Double.toString(settings.s3Rate() * share));
        env.put("ENGRAM_FAULT_INJECTION_LOG", faultLog.toAbsolutePath().toString());
        env.put("ENGRAM_FAULT_INJECTION_STOP_FILE", stopFile.toString());
        return env;
    }

    /** Faults by kind: the processes' logs (across restarts), the fake LLM's answers and the proxy's cuts. */
    private static Map<String, Integer> faults(Path logs, FakeOpenAi llm, PostgresProxy proxy,
            Map<String, Integer> byProcess) throws IOException {
        Map<String, Integer> faults = new TreeMap<>();
        try (var files = Files.list(logs)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("faults-")).toList()) {
                String process = f.getFileName().toString().replaceAll("^faults-|\\.log$", "");
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        faults.merge(line.strip(), 1, Integer::sum);
                        byProcess.merge(process, 1, Integer::sum);
                    }
                }
            }
        }
        llm.randomFaultsAnswered().forEach((step, n) -> faults.put("llm_" + step, n));
        byProcess.put("fake_llm", llm.randomFaultsAnswered().values().stream().mapToInt(Integer::intValue).sum());
        faults.put("postgres_connection_cut", proxy.cuts());
        byProcess.put("postgres_proxy", proxy.cuts());
        return faults;
    }

    private static void resetDatabase() throws Exception {
        try (Connection db = Bench.database("engram"); Statement st = db.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + Bench.DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + Bench.DATABASE);
        }
    }

    private static void emptyBucket(S3Client s3) {
        try {
            List<S3Object> objects = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(Bench.BUCKET)).contents().forEach(objects::add);
            for (S3Object o : objects) {
                s3.deleteObject(b -> b.bucket(Bench.BUCKET).key(o.key()));
            }
        } catch (NoSuchBucketException e) {
            // first run: the worker creates it
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[chaos %s] %s%n", java.time.LocalTime.now().withNano(0), String.format(format, args));
        System.out.flush();
    }
}
