package dev.engram.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The chaos run's fault injector: inert unless enabled, and when enabled, faults shaped as AWS sends them. */
class FaultInjectionTest {

    @TempDir
    Path dir;

    /** Settings as the environment of a chaos run gives them. */
    private record Settings(boolean enabled, double dynamodbRate, double sqsRate, double s3Rate,
            double haltBeforeCountRate, Optional<String> log, Optional<String> stopFile)
            implements FaultInjectionSettings {
    }

    private Settings always(Path log, Path stop) {
        return new Settings(true, 1, 1, 1, 0, Optional.of(log.toString()), Optional.of(stop.toString()));
    }

    @Test
    void injectsNothingUnlessEnabled() {
        var inert = new FaultInjection(new Settings(false, 1, 1, 1, 1, Optional.empty(), Optional.empty()));
        assertThatCode(() -> {
            inert.beforeExecution(context(transaction()), attributes("DynamoDb", "TransactWriteItems"));
            inert.inject(transaction(), attributes("DynamoDb", "TransactWriteItems"));
            inert.inject(SendMessageRequest.builder().build(), attributes("Sqs", "SendMessage"));
            inert.inject(PutObjectRequest.builder().build(), attributes("S3", "PutObject"));
            inert.injectAfter(attributes("S3", "PutObject"));
        }).doesNotThrowAnyException();
    }

    @Test
    void productionConfigurationListsNoFaultInjection() throws IOException {
        String config = Files.readString(Path.of("src/main/resources/application.properties"));
        assertThat(config).doesNotContain("FaultInjection").doesNotContain("fault-injection");
    }

    @Test
    void cancelsTransactionsWithConflictOrThrottlingAmongTheReasonsAndLogsTheKind() throws IOException {
        Path log = dir.resolve("faults.log");
        var faults = new FaultInjection(always(log, dir.resolve("stopped")));
        assertThatThrownBy(() -> faults.inject(transaction(),
                attributes("DynamoDb", "TransactWriteItems")))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.cancellationReasons()).hasSize(2);
                    assertThat(e.cancellationReasons()).extracting(r -> r.code())
                            .containsAnyOf("TransactionConflict", "ThrottlingError").contains("None");
                });
        assertThat(Files.readAllLines(log)).singleElement().asString()
                .isIn("dynamodb_transaction_conflict", "dynamodb_throttling");
    }

    @Test
    void throttlesOtherDynamoCallsAndFailsSqsAndS3() {
        var faults = new FaultInjection(always(dir.resolve("faults.log"), dir.resolve("stopped")));
        assertThatThrownBy(() -> faults.inject(GetItemRequest.builder().build(),
                attributes("DynamoDb", "GetItem"))).isInstanceOf(ProvisionedThroughputExceededException.class);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> faults.inject(SendMessageRequest.builder().build(),
                attributes("Sqs", "SendMessage")))
                    .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(SdkClientException.class),
                            e -> assertThat(((software.amazon.awssdk.awscore.exception.AwsServiceException) e)
                                    .statusCode()).isGreaterThanOrEqualTo(500));
        }
    }

    @Test
    void sparesPollingAndStopsWhenTheStopFileExists() throws IOException {
        Path stop = dir.resolve("stopped");
        var faults = new FaultInjection(always(dir.resolve("faults.log"), stop));
        assertThatCode(() -> faults.inject(ReceiveMessageRequest.builder().build(),
                attributes("Sqs", "ReceiveMessage"))).doesNotThrowAnyException();
        Files.writeString(stop, "");
        var stopped = new FaultInjection(always(dir.resolve("faults.log"), stop));
        assertThatCode(() -> stopped.inject(PutObjectRequest.builder().build(),
                attributes("S3", "PutObject"))).doesNotThrowAnyException();
    }

    private static TransactWriteItemsRequest transaction() {
        var marker = TransactWriteItem.builder().put(p -> p.tableName("jobs").item(Map.of(
                "pk", AttributeValue.fromS("JOB#tsk_1"), "sk", AttributeValue.fromS("CHUNK#000001")))).build();
        var job = TransactWriteItem.builder().update(u -> u.tableName("jobs").key(Map.of(
                "pk", AttributeValue.fromS("JOB#tsk_1"), "sk", AttributeValue.fromS("JOB")))).build();
        return TransactWriteItemsRequest.builder().transactItems(marker, job).build();
    }

    private static Context.BeforeExecution context(SdkRequest request) {
        return () -> request;
    }

    private static ExecutionAttributes attributes(String service, String operation) {
        return new ExecutionAttributes().putAttribute(SdkExecutionAttribute.SERVICE_NAME, service)
                .putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
    }
}
