package dev.engram.lambda.worker;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Runs the worker build as one of its functions: {@code quarkus.lambda.handler} is what {@code QUARKUS_LAMBDA_HANDLER}
 * sets per function in template.yaml. The worker tests get queues of their own, so the default build's local runner
 * (which may be polling the shared test queues at the same time) never takes their messages.
 */
abstract class WorkerFunction implements QuarkusTestProfile {

    static final String QUEUE_PREFIX = "engram-worker-test-";

    private final String handler;

    WorkerFunction(String handler) {
        this.handler = handler;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.lambda.handler", handler, "engram.queues.prefix", QUEUE_PREFIX);
    }

    /** The split function. */
    public static class Split extends WorkerFunction {
        public Split() {
            super("split");
        }
    }

    /** The process function. */
    public static class Process extends WorkerFunction {
        public Process() {
            super("process");
        }
    }

    /** The chat function. */
    public static class Chat extends WorkerFunction {
        public Chat() {
            super("chat");
        }
    }

    /** The graph function. */
    public static class Graph extends WorkerFunction {
        public Graph() {
            super("graph");
        }
    }

    /** The migrate function (a CloudFormation custom resource). */
    public static class Migrate extends WorkerFunction {
        public Migrate() {
            super("migrate");
        }
    }

    /** The expire function. */
    public static class Expire extends WorkerFunction {
        public Expire() {
            super("expire");
        }
    }

    /** The dead-letter sweep function, publishing escalations to a recording SNS endpoint; retries wait 1 s. */
    public static class DeadLetterSweep extends WorkerFunction {
        public DeadLetterSweep() {
            super("dlq-sweep");
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new java.util.HashMap<>(super.getConfigOverrides());
            c.put("engram.dlq.auto-retry.backoff", "PT1S");
            c.put("engram.dlq.auto-retry.enabled", "true");
            return c;
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(dev.engram.admin.FakeSnsResource.class));
        }
    }

    /** The $connect authorizer of the progress WebSocket API, trusting the test run's token key. */
    public static class SocketAuthorize extends WorkerFunction {
        public SocketAuthorize() {
            super("socket-authorize");
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // The key TestTokens writes, whatever MP_JWT_VERIFY_PUBLICKEY_LOCATION the shell exports.
            Map<String, String> c = new java.util.HashMap<>(super.getConfigOverrides());
            c.put("engram.progress.aws-socket.keys-location",
                    java.nio.file.Path.of("target", "test-jwt", "public.pem").toAbsolutePath().toUri().toString());
            return c;
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(dev.engram.testing.TestTokens.class));
        }
    }

    /** The routes of the progress WebSocket API. */
    public static class ProgressSocket extends WorkerFunction {
        public ProgressSocket() {
            super("progress-socket");
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new java.util.HashMap<>(super.getConfigOverrides());
            c.put("engram.progress.aws-socket.max-per-user", "3");
            return c;
        }
    }

    /** The pusher, posting to a local stand-in of the API Gateway Management API. */
    public static class ProgressPush extends WorkerFunction {
        public ProgressPush() {
            super("progress-push");
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(FakeManagementApi.Resource.class));
        }
    }
}
