package dev.engram.platform.aws;

import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates, on the local emulators (the local runner at start, the Lambda variants' tests), what template.yaml creates
 * on AWS: the bucket, each work queue with its
 * dead-letter queue and redrive policy, the job table with its user index and TTL, and the progress WebSocket API's
 * connections table with its task index and TTL. Existing queues get the
 * configured attributes, so a changed maxReceiveCount applies.
 */
@ApplicationScoped
public class StackProvisioner {

    private static final Logger LOG = Logger.getLogger(StackProvisioner.class);

    private final S3Client s3;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final AwsSettings aws;
    private final QueueSettings queues;
    private final String table;
    private final String connectionsTable;

    StackProvisioner(S3Client s3, SqsClient sqs, DynamoDbClient dynamo, AwsSettings aws, QueueSettings queues,
            @ConfigProperty(name = "engram.jobs.table") String table,
            @ConfigProperty(name = "engram.progress.aws-socket.connections-table",
                    defaultValue = "engram-socket-connections") String connectionsTable) {
        this.s3 = s3;
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.aws = aws;
        this.queues = queues;
        this.table = table;
        this.connectionsTable = connectionsTable;
    }

    /** Provisions everything; safe to call on every start. */
    public void provision() {
        bucket();
        for (String logical : List.of(QueueNames.INGEST, QueueNames.CHUNKS, QueueNames.CHAT, QueueNames.GRAPH)) {
            queue(logical);
        }
        jobTable();
        connectionsTable();
        LOG.infof("local stack ready: bucket %s, queues %s*, table %s", aws.bucket(), queues.prefix(), table);
    }

    private void bucket() {
        try {
            s3.headBucket(b -> b.bucket(aws.bucket()));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(aws.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(aws.bucket()));
        }
    }

    private void queue(String logical) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(queues.deadLetterNameOf(logical))
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attributes = Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(queues.visibilityTimeout().toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + queues.maxReceiveCount() + "\"}");
        String url = sqs.createQueue(b -> b.queueName(queues.nameOf(logical))).queueUrl();
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
    }

    private void jobTable() {
        try {
            dynamo.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("pk"), attr("sk"), attr("gsi1pk"), attr("gsi1sk"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by_user")
                            .keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
            dynamo.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName("expires_at").enabled(true)));
        } catch (ResourceInUseException e) {
            // already there
        }
    }

    private void connectionsTable() {
        List<GlobalSecondaryIndex> indexes = List.of(
                GlobalSecondaryIndex.builder().indexName("by_task").keySchema(key("task_id", KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build());
        List<AttributeDefinition> attributes = List.of(attr("connection_id"), attr("task_id"));
        try {
            dynamo.createTable(b -> b.tableName(connectionsTable)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(key("connection_id", KeyType.HASH))
                    .globalSecondaryIndexes(indexes));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(connectionsTable));
            dynamo.updateTimeToLive(b -> b.tableName(connectionsTable)
                    .timeToLiveSpecification(t -> t.attributeName("expires_at").enabled(true)));
        } catch (ResourceInUseException e) {
            addMissingIndexes(connectionsTable, attributes, indexes);
        }
    }

    /** A table made by an older version gets the indexes added since. */
    private void addMissingIndexes(String name, List<AttributeDefinition> attributes, List<GlobalSecondaryIndex> indexes) {
        var existing = dynamo.describeTable(b -> b.tableName(name)).table().globalSecondaryIndexes().stream()
                .map(i -> i.indexName()).toList();
        for (GlobalSecondaryIndex index : indexes) {
            if (!existing.contains(index.indexName())) {
                dynamo.updateTable(b -> b.tableName(name).attributeDefinitions(attributes)
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                                .keySchema(index.keySchema()).projection(index.projection()))));
                dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
            }
        }
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
