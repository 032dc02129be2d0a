package dev.engram.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Gives the run a clean slate on the shared local stack, touching only what is its own: a database of its own, and
 * queues and a job table whose names start with the run's prefix.
 */
public final class StackReset {

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("engram", "engram-local"));

    private StackReset() {
    }

    static void database() throws Exception {
        try (Connection db = Bench.database("engram"); Statement st = db.createStatement()) {
            for (String name : new String[] {Bench.DATABASE, LangChain4jIngest.DATABASE, SpringAiPeer.DATABASE}) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                st.execute("CREATE DATABASE " + name);
            }
        }
    }

    /**
     * Gathers planner statistics, as autovacuum does within a minute on a running database: the bench database is
     * new and fills within seconds, and plans chosen on an empty table's statistics read whole indexes.
     */
    static void analyze() throws Exception {
        try (Connection db = Bench.database(); Statement st = db.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    /** Deletes the run's queues (a backlog left by the load test must not feed the next run) and job table. */
    public static void aws() {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create("http://localhost:" + Bench.SQS_PORT))
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            for (String url : sqs.listQueues(b -> b.queueNamePrefix(Bench.PREFIX)).queueUrls()) {
                sqs.deleteQueue(b -> b.queueUrl(url));
            }
        }
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://localhost:" + Bench.DDB_PORT)).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            dynamo.deleteTable(b -> b.tableName(Bench.PREFIX + "jobs"));
        } catch (ResourceNotFoundException e) {
            // first run
        }
    }
}
