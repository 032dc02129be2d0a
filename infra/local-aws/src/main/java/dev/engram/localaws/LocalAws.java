package dev.engram.localaws;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Local stand-ins for the AWS services Engram uses, in one JVM, bound to the loopback interface only:
 * SQS (ElasticMQ), DynamoDB (DynamoDB Local) and S3 (s3proxy, signatures checked).
 *
 * <p>Options (each also read from the environment; arguments win):
 * <pre>
 *   --sqs-port N     ENGRAM_LOCAL_SQS_PORT   (9324)
 *   --ddb-port N     ENGRAM_LOCAL_DDB_PORT   (8000)
 *   --s3-port N      ENGRAM_LOCAL_S3_PORT    (9090)
 *   --state-dir DIR  ENGRAM_STATE_DIR        (.local)   DynamoDB files in DIR/dynamodb, objects in DIR/s3
 *   --in-memory      ENGRAM_LOCAL_IN_MEMORY  (false)    keep nothing on disk
 * </pre>
 * Prints {@code engram-local-aws READY sqs=... dynamodb=... s3=...} once all three accept connections, and stops
 * them all on SIGTERM / Ctrl-C.
 */
public final class LocalAws {

    static final String HOST = "127.0.0.1";
    static final String PUBLIC_HOST = "localhost";
    static final String S3_IDENTITY = "engram";
    static final String S3_CREDENTIAL = "engram-local";
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "000000000000";

    record Config(int sqsPort, int ddbPort, int s3Port, Path stateDir, boolean inMemory) {
    }

    static {
        // ElasticMQ's jar brings its own logback.xml; use ours, by a name nothing else on the classpath has.
        setDefault("logback.configurationFile", "engram-local-aws-logback.xml");
        // The shutdown hook below stops ElasticMQ and with it Pekko; Pekko needs no hook of its own.
        setDefault("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private final Config config;
    private final Deque<Stoppable> started = new ArrayDeque<>();

    @FunctionalInterface
    interface Stoppable {
        void stop() throws Exception;
    }

    LocalAws(Config config) {
        this.config = config;
    }

    public static void main(String[] args) {
        Config config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("engram-local-aws: " + e.getMessage());
            System.err.println("usage: LocalAws [--sqs-port N] [--ddb-port N] [--s3-port N] [--state-dir DIR] [--in-memory]");
            System.exit(2);
            return;
        }
        LocalAws stack = new LocalAws(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stopAll();
            stopped.countDown();
        }, "engram-local-aws-shutdown"));
        try {
            stack.startAll();
        } catch (Exception e) {
            System.err.println("engram-local-aws: start failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        System.out.printf("engram-local-aws READY sqs=http://%s:%d dynamodb=http://%s:%d s3=http://%s:%d%n",
                PUBLIC_HOST, config.sqsPort(), PUBLIC_HOST, config.ddbPort(), PUBLIC_HOST, config.s3Port());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void startAll() throws Exception {
        Path ddbDir = config.stateDir().resolve("dynamodb");
        Path s3Dir = config.stateDir().resolve("s3");
        if (!config.inMemory()) {
            Files.createDirectories(ddbDir);
            Files.createDirectories(s3Dir);
        }
        startSqs();
        startDynamoDb(ddbDir);
        startS3(s3Dir);
        for (int port : new int[] {config.sqsPort(), config.ddbPort(), config.s3Port()}) {
            awaitPort(port, 30_000);
        }
    }

    private void startSqs() {
        int port = config.sqsPort();
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(HOST)
                .withPort(port)
                .withServerAddress(NodeAddress.apply("http", PUBLIC_HOST, port, ""))
                .withAWSRegion(REGION)
                .withAWSAccountId(ACCOUNT_ID)
                .start();
        server.waitUntilStarted();
        started.push(server::stopAndWait);
        log("sqs (ElasticMQ) on " + HOST + ":" + port);
    }

    private void startDynamoDb(Path dbDir) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "-port", Integer.toString(config.ddbPort()), "-sharedDb", "-disableTelemetry"));
        if (config.inMemory()) {
            args.add("-inMemory");
        } else {
            args.add("-dbPath");
            args.add(dbDir.toAbsolutePath().toString());
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        if (server == null) {
            throw new IllegalStateException("DynamoDB Local rejected its arguments " + args);
        }
        bindToLoopback(server);
        server.start();
        started.push(server::stop);
        log("dynamodb (DynamoDB Local) on " + HOST + ":" + config.ddbPort()
                + (config.inMemory() ? " in memory" : " in " + dbDir));
    }

    /**
     * DynamoDB Local's server takes only a port and listens on every interface; its Jetty connector is not started
     * yet at this point, so give it the loopback host before {@code start()}.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost(HOST);
            }
        }
    }

    private void startS3(Path dir) throws Exception {
        Properties props = new Properties();
        String provider;
        if (config.inMemory()) {
            provider = "transient";
        } else {
            provider = "filesystem";
            props.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        }
        props.setProperty("jclouds.identity", S3_IDENTITY);
        props.setProperty("jclouds.credential", S3_CREDENTIAL);
        BlobStore blobStore = BlobStores.create(provider, props);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://" + HOST + ":" + config.s3Port()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_IDENTITY, S3_CREDENTIAL)
                .build();
        proxy.start();
        started.push(proxy::stop);
        log("s3 (s3proxy, " + provider + ", path style) on " + HOST + ":" + config.s3Port()
                + (config.inMemory() ? "" : " in " + dir));
    }

    synchronized void stopAll() {
        while (!started.isEmpty()) {
            try {
                started.pop().stop();
            } catch (Exception e) {
                System.err.println("engram-local-aws: stop: " + e);
            }
        }
        log("stopped");
    }

    static void awaitPort(int port, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1_000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("nothing answers on " + HOST + ":" + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    static Config parse(String[] args) {
        int sqs = intSetting("ENGRAM_LOCAL_SQS_PORT", 9324);
        int ddb = intSetting("ENGRAM_LOCAL_DDB_PORT", 8000);
        int s3 = intSetting("ENGRAM_LOCAL_S3_PORT", 9090);
        String state = env("ENGRAM_STATE_DIR", ".local");
        boolean inMemory = Boolean.parseBoolean(env("ENGRAM_LOCAL_IN_MEMORY", "false"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--sqs-port" -> sqs = port(arg, value(args, ++i, arg));
                case "--ddb-port" -> ddb = port(arg, value(args, ++i, arg));
                case "--s3-port" -> s3 = port(arg, value(args, ++i, arg));
                case "--state-dir" -> state = value(args, ++i, arg);
                case "--in-memory" -> inMemory = true;
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (sqs == ddb || sqs == s3 || ddb == s3) {
            throw new IllegalArgumentException("the three ports must differ: " + sqs + ", " + ddb + ", " + s3);
        }
        return new Config(sqs, ddb, s3, Path.of(state).toAbsolutePath().normalize(), inMemory);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int intSetting(String envName, int fallback) {
        return port(envName, env(envName, Integer.toString(fallback)));
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a port: " + value);
        }
    }

    private static void log(String message) {
        System.err.println("engram-local-aws: " + message);
    }
}
