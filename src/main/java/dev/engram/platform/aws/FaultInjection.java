package dev.engram.platform.aws;

import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Random faults that only AWS produces, for the chaos run: DynamoDB transactions cancelled by a
 * {@code TransactionConflict} or {@code ThrottlingError}, throttled DynamoDB calls, SQS and S3 answering 5xx or
 * timing out (before the request is sent, or after the service did it), and the JVM halting just before a chunk is
 * counted. Faults hit single HTTP attempts, so the SDK's own retries handle them first, as they would AWS's. Listed as an execution interceptor only in the chaos run's build and inert unless
 * {@code engram.fault-injection.enabled}; see {@link FaultInjectionSettings}. Each fault's kind is appended to the
 * configured log so the run can count them across restarts.
 */
public final class FaultInjection implements ExecutionInterceptor {

    /** Polling and provisioning calls: a fault there proves nothing, so none is injected. */
    private static final Set<String> SPARED = Set.of("ReceiveMessage", "GetQueueUrl", "ListQueues", "CreateQueue",
            "GetQueueAttributes", "SetQueueAttributes", "ListObjectsV2", "CreateBucket", "HeadBucket",
            "DescribeTable", "CreateTable", "UpdateTimeToLive", "DescribeTimeToLive", "ListTables");
    private static final long STOP_CHECK_NANOS = 1_000_000_000L;

    private final FaultInjectionSettings settings;
    private volatile long stopCheckedAt;
    private volatile boolean stopped;

    /** The SDK builds interceptors by class name. */
    public FaultInjection() {
        this(ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(FaultInjectionSettings.class));
    }

    FaultInjection(FaultInjectionSettings settings) {
        this.settings = settings;
    }

    /** The halt, once per call: the JVM dies just before a chunk is counted, whatever the retries would do. */
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = target(attributes);
        if ("DynamoDB".equalsIgnoreCase(service) && context.request() instanceof TransactWriteItemsRequest tx
                && counts(tx) && ThreadLocalRandom.current().nextDouble() < settings.haltBeforeCountRate()) {
            record("halt_before_count");
            Runtime.getRuntime().halt(137);
        }
    }

    /** Each HTTP attempt may fail before it is sent; the SDK's own retries see it as they would AWS's answer. */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        inject(context.request(), attributes);
    }

    /** Each answered attempt may time out all the same, after the service did what was asked. */
    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        injectAfter(attributes);
    }

    void inject(SdkRequest request, ExecutionAttributes attributes) {
        String service = target(attributes);
        if (service == null) {
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if ("DynamoDB".equalsIgnoreCase(service) && random.nextDouble() < settings.dynamodbRate()) {
            throw dynamoFault(request, random);
        } else if ("SQS".equalsIgnoreCase(service) && random.nextDouble() < settings.sqsRate()) {
            throw random.nextBoolean() ? serverError("sqs") : timeout("sqs");
        } else if ("S3".equalsIgnoreCase(service) && random.nextDouble() < settings.s3Rate()) {
            throw random.nextBoolean() ? serverError("s3") : timeout("s3");
        }
    }

    /** The caller cannot tell a timeout after the work from one before it: a retry may do the work twice. */
    void injectAfter(ExecutionAttributes attributes) {
        String service = target(attributes);
        if (service == null) {
            return;
        }
        double rate = "SQS".equalsIgnoreCase(service) ? settings.sqsRate()
                : "S3".equalsIgnoreCase(service) ? settings.s3Rate() : 0;
        // A quarter of the service's rate: most faults of a real service come before any work is done.
        if (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate / 4) {
            throw timeout(service.toLowerCase(java.util.Locale.ROOT) + "_after");
        }
    }

    private SdkException dynamoFault(SdkRequest request, ThreadLocalRandom random) {
        if (request instanceof TransactWriteItemsRequest tx) {
            String code = random.nextBoolean() ? "TransactionConflict" : "ThrottlingError";
            record(code.equals("TransactionConflict") ? "dynamodb_transaction_conflict" : "dynamodb_throttling");
            int items = tx.transactItems().size();
            int hit = random.nextInt(items);
            List<CancellationReason> reasons = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                reasons.add(i == hit ? CancellationReason.builder().code(code).message(code + " (injected)").build()
                        : CancellationReason.builder().code("None").build());
            }
            return TransactionCanceledException.builder().cancellationReasons(reasons).statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                            .serviceName("DynamoDb").build())
                    .message("Transaction cancelled, please refer cancellation reasons for specific reasons")
                    .build();
        }
        record("dynamodb_throughput_exceeded");
        return ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                        .serviceName("DynamoDb").build())
                .message("The level of configured provisioned throughput for the table was exceeded (injected)")
                .build();
    }

    private SdkException serverError(String service) {
        record(service + "_5xx");
        int status = ThreadLocalRandom.current().nextBoolean() ? 500 : 503;
        String code = status == 500 ? "InternalError" : "ServiceUnavailable";
        var details = AwsErrorDetails.builder().errorCode(code).serviceName(service).build();
        String message = "We encountered an internal error. Please try again. (injected " + status + ")";
        return service.equals("s3")
                ? S3Exception.builder().statusCode(status).awsErrorDetails(details).message(message).build()
                : SqsException.builder().statusCode(status).awsErrorDetails(details).message(message).build();
    }

    private SdkException timeout(String kind) {
        record(kind.replace("_after", "") + "_timeout" + (kind.endsWith("_after") ? "_after_work" : ""));
        return SdkClientException.builder().message("Unable to execute HTTP request: Read timed out (injected)")
                .cause(new SocketTimeoutException("Read timed out")).build();
    }

    /** Whether a transaction counts a chunk (a chunk marker among its items). */
    private static boolean counts(TransactWriteItemsRequest tx) {
        return tx.transactItems().stream().anyMatch(i -> i.put() != null
                && i.put().item().containsKey("sk") && i.put().item().get("sk").s() != null
                && i.put().item().get("sk").s().startsWith("CHUNK#"));
    }

    /** The called service when a fault may hit this call, else null. */
    private String target(ExecutionAttributes attributes) {
        if (SPARED.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)) || !active()) {
            return null;
        }
        return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    }

    private boolean active() {
        if (!settings.enabled()) {
            return false;
        }
        long now = System.nanoTime();
        if (settings.stopFile().isPresent() && now - stopCheckedAt > STOP_CHECK_NANOS) {
            stopCheckedAt = now;
            stopped = Files.exists(Path.of(settings.stopFile().get()));
        }
        return !stopped;
    }

    private void record(String kind) {
        if (settings.log().isEmpty()) {
            return;
        }
        try {
            Files.write(Path.of(settings.log().get()), (kind + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // counting is best effort; the fault is injected all the same
        }
    }
}
