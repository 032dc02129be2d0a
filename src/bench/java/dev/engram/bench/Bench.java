package dev.engram.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of one benchmark run: where the local stack listens, the names that keep the run's queues, table, bucket
 * and database apart from anything else using the same stack, and where results go. All come from system properties
 * with the local stack's defaults.
 */
public final class Bench {

    public static final int PG_PORT = Integer.getInteger("bench.pg-port", 5499);
    public static final int SQS_PORT = Integer.getInteger("bench.sqs-port", 9324);
    public static final int DDB_PORT = Integer.getInteger("bench.ddb-port", 8000);
    public static final int S3_PORT = Integer.getInteger("bench.s3-port", 9090);
    /**
     * The HTTP port of every Engram the run starts ({@code make bench} passes {@code BENCH_HTTP_PORT}, by default
     * {@code ENGRAM_PORT}). They run one after the other, each stopped before the next starts, so one port serves
     * them all, and two runs on one machine stay apart by their own ports.
     */
    static final int HTTP_PORT = Integer.getInteger("bench.http-port", 18480);
    public static final String DATABASE = System.getProperty("bench.database", "engram_bench");
    /** Queue, table and bucket names of the run start with this. */
    public static final String PREFIX = System.getProperty("bench.prefix", "engram-bench-");
    public static final String BUCKET = PREFIX + "inputs";
    public static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));
    static final Path APPS = OUT.resolve("apps");
    static final Path FIXTURES = Path.of(System.getProperty("bench.fixtures", "../shared/fixtures/files"));
    /** Caller threads: the local runner's chunk pollers and the ceiling's workers. */
    static final int THREADS = Integer.getInteger("bench.threads", 2);
    /** Chunk pollers of the Engram under test; the ceiling runs on {@link #THREADS} caller threads. */
    static final int POLLERS = Integer.getInteger("bench.pollers", THREADS);

    /**
     * The JVM options every deployed function runs with ({@code JAVA_TOOL_OPTIONS} under {@code Globals} in
     * {@code template.yaml}: C1 only, as AWS advises for Lambda). The runs that stand in for the functions use them:
     * the end-to-end pipeline and the 1,000-page PDF (the worker functions' work) and the Lambda variants' start.
     */
    static final List<String> FUNCTION_JVM_OPTS = functionJvmOptions(Path.of("template.yaml"));

    private Bench() {
    }

    static List<String> functionJvmOptions(Path template) {
        try {
            Matcher m = Pattern.compile("(?m)^\\s+JAVA_TOOL_OPTIONS:\\s*(.+)$").matcher(Files.readString(template));
            if (!m.find()) {
                throw new IllegalStateException("no JAVA_TOOL_OPTIONS in " + template);
            }
            return Arrays.stream(m.group(1).strip().split("\\s+")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + PG_PORT + "/" + name, "engram",
                "engram");
    }

    public static Connection database() throws SQLException {
        return database(DATABASE);
    }

    /** Environment of an Engram instance on the local stack with its own queues, table, bucket and database. */
    public static Map<String, String> engramEnv(String queuePrefix, int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "local");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("ENGRAM_LOCAL_PG_PORT", Integer.toString(PG_PORT));
        env.put("ENGRAM_LOCAL_SQS_PORT", Integer.toString(SQS_PORT));
        env.put("ENGRAM_LOCAL_DDB_PORT", Integer.toString(DDB_PORT));
        env.put("ENGRAM_LOCAL_S3_PORT", Integer.toString(S3_PORT));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + PG_PORT + "/" + DATABASE);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + PG_PORT + "/" + DATABASE);
        env.put("ENGRAM_QUEUES_PREFIX", queuePrefix);
        env.put("ENGRAM_JOBS_TABLE", PREFIX + "jobs");
        env.put("ENGRAM_AWS_BUCKET", BUCKET);
        // The local profile reads the verification key from ${ENGRAM_STATE_DIR}/jwt/public.pem: the run's own key.
        env.put("ENGRAM_STATE_DIR", Tokens.publicKeyFile().toAbsolutePath().getParent().getParent().toString());
        // The benchmark drives the API from a few users far above the per-user budget of 10/s.
        env.put("ENGRAM_API_RATE_LIMIT_PER_SECOND", "100000");
        env.put("ENGRAM_API_RATE_LIMIT_BURST", "100000");
        env.put("ENGRAM_LOCAL_RUNNER_CONCURRENCY_CHUNKS", Integer.toString(POLLERS));
        env.put("ENGRAM_EMBED_THREADS", Integer.toString(THREADS));
        return env;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
        System.out.flush();
    }
}
