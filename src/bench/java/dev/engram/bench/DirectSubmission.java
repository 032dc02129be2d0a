package dev.engram.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.progress.BenchJobItems;
import dev.engram.progress.JobIds;
import dev.engram.split.SplitRequested;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS calls behind one accepted text submission, made by the driver itself: the input's S3 put and the job
 * record's DynamoDB put at once (as Engram makes them), then the SQS send of the split request, with the same
 * payloads, item and clients (URL-connection SDK clients) against the same stand-ins. The baseline of
 * {@code api_overhead_ratio}: what a submission costs with no HTTP server, authentication, validation or Engram code.
 * The record goes into the run's job table and the message into a queue of the run's own that nobody reads.
 */
final class DirectSubmission implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("engram", "engram-local"));

    private final S3Client s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
            .endpointOverride(URI.create("http://localhost:" + Bench.S3_PORT))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    private final DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
            .endpointOverride(URI.create("http://localhost:" + Bench.DDB_PORT)).build();
    private final SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
            .endpointOverride(URI.create("http://localhost:" + Bench.SQS_PORT)).build();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final String queueUrl = sqs.createQueue(b -> b.queueName(Bench.PREFIX + "direct-ingest")).queueUrl();

    /** The three calls for {@code text} of {@code user}; the answer is null when all succeeded, else the reason. */
    CompletableFuture<String> submit(String user, String text) {
        return CompletableFuture.supplyAsync(() -> {
            String taskId = JobIds.taskId(JobIds.newBody());
            String key = "inputs/" + user + "/" + taskId + ".txt";
            Future<?> stored = threads.submit(() -> s3.putObject(b -> b.bucket(Bench.BUCKET).key(key)
                    .contentType("text/plain; charset=utf-8").metadata(Map.of("user-id", user, "task-id", taskId)),
                    RequestBody.fromBytes(text.getBytes(StandardCharsets.UTF_8))));
            dynamo.putItem(b -> b.tableName(Bench.PREFIX + "jobs").item(BenchJobItems.accepted(taskId, user, key))
                    .conditionExpression("attribute_not_exists(pk)"));
            try {
                stored.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            } catch (ExecutionException e) {
                return e.getCause().getClass().getSimpleName();
            }
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(json(SplitRequested.of(taskId, user, key))));
            return null;
        }, threads);
    }

    private static String json(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        s3.close();
        dynamo.close();
        sqs.close();
    }
}
