package dev.engram.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Records every AWS SDK operation the functions perform in tests, with the IAM action it needs and the resource it
 * names (queue, table or index, bucket or object key), into {@code target/iam-calls/<handler>.tsv}; the IAM coverage
 * tests ({@code IamCoverage}) compare them with each function's role in template.yaml. Registered for every SDK client
 * through the SDK's global interceptor file in the test resources. A call belongs to: the handler a Lambda variant's
 * test runs ({@code quarkus.lambda.handler}); in the default build, the worker function whose queue the local runner
 * thread polls ({@code local-event-source-<queue>}), the dead-letter sweep function for the dead-letter sweep, the
 * expire function for the rest of the local schedule, and the API function
 * for everything else. Not recorded: the tests' own calls (the JUnit thread), the emulator provisioning (on AWS the
 * template creates those resources), and what the local runner itself does in place of AWS (polling and deleting
 * messages as the event source mapping does, turning new objects into notifications as S3 does).
 */
public class SdkCallRecorder implements ExecutionInterceptor {

    /** Where the records go, one file per handler ({@code api} for the API function). */
    public static final Path DIRECTORY = Path.of("target", "iam-calls");
    /** The build's run id (a system property the build sets; made up when absent); the checks read only its records. */
    public static final String RUN = "engram.iam-calls.run";
    private static final String RUN_FILE = "run-id";
    private static boolean joined;
    private static final Map<String, String> QUEUE_HANDLERS = Map.of("ingest", "split", "chunks", "process", "chat", "chat");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (Thread.currentThread().getName().equals("main")) {
            return;
        }
        String handler = handler();
        if (handler == null) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        List<String> lines = new ArrayList<>();
        for (Call call : calls(service, operation, context.request())) {
            lines.add(handler + "\t" + call.action() + "\t" + call.resource() + "\t" + call.prefix());
        }
        write(lines);
    }

    /** The handler a call belongs to, or null when it is no function's. */
    private static String handler() {
        List<String> engram = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(c -> c.startsWith("dev.engram.") && !c.startsWith(SdkCallRecorder.class.getName())).toList());
        if (engram.stream().anyMatch(c -> c.equals("dev.engram.platform.aws.StackProvisioner")
                || c.startsWith("dev.engram.platform.local.LocalObjectNotifier"))) {
            return null;
        }
        var lambda = ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.handler", String.class);
        if (lambda.isPresent()) {
            return lambda.get();
        }
        String thread = Thread.currentThread().getName();
        if (thread.startsWith("local-event-source-")) {
            // The runner's own polling stands in for the event source mapping; a stage's calls are the function's.
            boolean stage = engram.stream().takeWhile(c -> !c.startsWith("dev.engram.platform.local."))
                    .anyMatch(c -> !c.startsWith("dev.engram.platform."));
            return stage ? QUEUE_HANDLERS.get(thread.substring("local-event-source-".length())) : null;
        }
        if (engram.stream().anyMatch(c -> c.startsWith("dev.engram.admin.DeadLetterSweeper"))) {
            return "dlq-sweep"; // its own function on the schedule, locally run with the other scheduled stages
        }
        if (engram.stream().anyMatch(c -> c.startsWith("dev.engram.platform.local.LocalSchedule"))) {
            return "expire";
        }
        return "api";
    }

    /** One IAM authorization an SDK operation needs. */
    record Call(String action, String resource, String prefix) {
    }

    static List<Call> calls(String service, String operation, SdkRequest request) {
        List<Call> calls = new ArrayList<>();
        // Presigners name the service in lower case: a presigned PUT is recorded like the S3 call it authorizes.
        switch (service.toLowerCase(java.util.Locale.ROOT)) {
            case "sqs" -> {
                String queue = field(request, "QueueUrl");
                if (queue == null) {
                    queue = field(request, "QueueName");
                }
                if (queue == null) {
                    queue = field(request, "SourceArn");
                }
                // IAM authorizes a batch operation by its single-message action.
                calls.add(new Call("sqs:" + operation.replace("Batch", ""), "queue:" + last(queue), ""));
                if (operation.equals("StartMessageMoveTask")) {
                    // The task receives from and deletes in its source and sends to its destination (the dead
                    // letters' own source queue when none is named) with the caller's permissions.
                    for (String action : List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")) {
                        calls.add(new Call(action, "queue:" + last(queue), ""));
                    }
                    String destination = field(request, "DestinationArn");
                    calls.add(new Call("sqs:SendMessage", "queue:" + (destination != null ? last(destination)
                            : last(queue).replaceFirst("-dlq$", "")), ""));
                }
            }
            case "dynamodb" -> {
                if (request instanceof TransactWriteItemsRequest transaction) {
                    // IAM authorizes each item of a transaction as its own action.
                    for (TransactWriteItem item : transaction.transactItems()) {
                        if (item.put() != null) {
                            calls.add(new Call("dynamodb:PutItem", "table:" + item.put().tableName(), ""));
                        }
                        if (item.update() != null) {
                            calls.add(new Call("dynamodb:UpdateItem", "table:" + item.update().tableName(), ""));
                        }
                        if (item.delete() != null) {
                            calls.add(new Call("dynamodb:DeleteItem", "table:" + item.delete().tableName(), ""));
                        }
                        if (item.conditionCheck() != null) {
                            calls.add(new Call("dynamodb:ConditionCheckItem",
                                    "table:" + item.conditionCheck().tableName(), ""));
                        }
                    }
                } else {
                    String table = field(request, "TableName");
                    Object items = request.getValueForField("RequestItems", Object.class).orElse(null);
                    Collection<String> tables = table != null ? List.of(table)
                            : items instanceof Map<?, ?> m ? m.keySet().stream().map(String::valueOf).toList() : List.of("*");
                    String index = field(request, "IndexName");
                    for (String t : tables) {
                        calls.add(new Call("dynamodb:" + operation, (index == null ? "table:" + t
                                : "index:" + t + "/" + index), ""));
                    }
                }
            }
            case "s3" -> {
                String bucket = field(request, "Bucket");
                String key = field(request, "Key");
                if (request instanceof DeleteObjectsRequest delete) {
                    for (ObjectIdentifier object : delete.delete().objects()) {
                        calls.add(new Call("s3:DeleteObject", "object:" + bucket + "/" + object.key(), ""));
                    }
                } else if (key != null) {
                    calls.add(new Call(s3ObjectAction(operation), "object:" + bucket + "/" + key, ""));
                    if (operation.equals("HeadObject") || operation.equals("GetObject")) {
                        // S3 answers a missing object 404 only to a caller that may list the bucket (no prefix is
                        // part of that check), 403 to anyone else; the code tells a missing object by the 404.
                        calls.add(new Call("s3:ListBucket", "bucket:" + bucket, ""));
                    }
                } else {
                    String prefix = field(request, "Prefix");
                    calls.add(new Call(operation.startsWith("ListObjects") ? "s3:ListBucket" : "s3:" + operation,
                            "bucket:" + bucket, prefix == null ? "" : prefix));
                }
            }
            // IAM authorizes Management API calls as execute-api:ManageConnections on the connection's method path.
            case "apigatewaymanagementapi" -> calls.add(new Call("execute-api:ManageConnections", "connection:"
                    + (operation.startsWith("Post") ? "POST" : operation.startsWith("Delete") ? "DELETE" : "GET")
                    + "/" + field(request, "ConnectionId"), ""));
            case "sns" -> calls.add(new Call("sns:" + operation, "topic:" + last(field(request, "TopicArn")), ""));
            default -> calls.add(new Call(service.toLowerCase() + ":" + operation, "*", ""));
        }
        return calls;
    }

    /** The IAM action S3 authorizes an object operation by (HEAD is GetObject; multipart parts are PutObject). */
    private static String s3ObjectAction(String operation) {
        return switch (operation) {
            case "HeadObject", "GetObject" -> "s3:GetObject";
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> "s3:PutObject";
            default -> "s3:" + operation;
        };
    }

    private static String field(SdkRequest request, String name) {
        return request.getValueForField(name, String.class).orElse(null);
    }

    private static String last(String urlOrArn) {
        if (urlOrArn == null) {
            return "*";
        }
        String[] parts = urlOrArn.split("[/:]");
        return parts[parts.length - 1];
    }

    private static synchronized void write(List<String> lines) {
        try {
            if (!joined) {
                joinRun();
                joined = true;
            }
            for (String line : lines) {
                Path file = DIRECTORY.resolve(line.substring(0, line.indexOf('\t')) + ".tsv");
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Joins this build's record of calls: the test JVMs of one build share a run id (set by the build, else made
     * here), and the first of them to record anything clears what an earlier build recorded, since older code may
     * have made those calls.
     */
    private static void joinRun() throws IOException {
        String run = System.getProperty(RUN);
        if (run == null || run.isBlank()) {
            run = java.util.UUID.randomUUID().toString();
            System.setProperty(RUN, run);
        }
        if (!run.equals(recordedRun())) {
            if (Files.isDirectory(DIRECTORY)) {
                try (Stream<Path> old = Files.walk(DIRECTORY)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(RUN_FILE), run, StandardCharsets.UTF_8);
        }
    }

    private static String recordedRun() throws IOException {
        Path file = DIRECTORY.resolve(RUN_FILE);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }

    /** Whether the records under {@link #DIRECTORY} are this build's (a test JVM of it recorded calls). */
    public static boolean recordedThisRun() {
        try {
            String run = System.getProperty(RUN);
            return run != null && run.equals(recordedRun());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
