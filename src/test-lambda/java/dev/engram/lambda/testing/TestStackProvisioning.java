package dev.engram.lambda.testing;

import dev.engram.platform.aws.AwsSettings;
import dev.engram.platform.queue.QueueNames;
import dev.engram.platform.queue.QueueSettings;
import dev.engram.progress.JobTableSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What template.yaml creates on AWS, created on the local emulators when a Lambda variant's test application starts
 * (the default build's local runner does this itself; the Lambda builds do not contain it). Idempotent.
 */
@ApplicationScoped
public class TestStackProvisioning {

    private final S3Client s3;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final AwsSettings aws;
    private final QueueSettings queues;
    private final JobTableSettings table;

    TestStackProvisioning(S3Client s3, SqsClient sqs, DynamoDbClient dynamo, AwsSettings aws, QueueSettings queues,
            JobTableSettings table) {
        this.s3 = s3;
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.aws = aws;
        this.queues = queues;
        this.table = table;
    }

    void provision(@Observes StartupEvent event) {
        bucket();
        for (String logical : List.of(QueueNames.INGEST, QueueNames.CHUNKS)) {
            queue(logical);
        }
        jobTable();
    }

    private void bucket() {
        try {
            s3.headBucket(b -> b.bucket(aws.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(aws.bucket()));
        }
    }

    private void queue(String logical) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(queues.deadLetterNameOf(logical))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(b -> b.queueName(queues.nameOf(logical))).queueUrl();
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(queues.visibilityTimeout().toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + queues.maxReceiveCount() + "\"}")));
    }

    private void jobTable() {
        try {
            dynamo.createTable(b -> b.tableName(table.table())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("pk"), attr("sk"), attr("gsi1pk"), attr("gsi1sk"))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by_user")
                            .keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table.table()));
            dynamo.updateTimeToLive(b -> b.tableName(table.table())
                    .timeToLiveSpecification(t -> t.attributeName("expires_at").enabled(true)));
        } catch (ResourceInUseException e) {
            // created by an earlier run or by the default build's tests
        }
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
