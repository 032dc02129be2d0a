package dev.engram.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.progress.IdempotencyStore.IdempotencyRecord;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Idempotency-Keys against the real DynamoDB Local: the first put wins, the item keeps its layout. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class IdempotencyStoreTest {

    @Inject
    IdempotencyStore keys;
    @Inject
    JobTableSettings settings;
    @Inject
    DynamoDbClient dynamo;

    @Test
    void theFirstPutHoldsTheKeyUntilItIsDeleted() {
        String user = Users.fresh("ida");
        var first = new IdempotencyRecord(user, "order-1", JobIds.taskId(JobIds.newBody()), "hash-a");
        var second = new IdempotencyRecord(user, "order-1", JobIds.taskId(JobIds.newBody()), "hash-b");

        assertThat(keys.get(user, "order-1")).isEmpty();
        assertThat(keys.put(first)).isTrue();
        assertThat(keys.put(second)).as("a second put of a taken key").isFalse();
        assertThat(keys.get(user, "order-1")).hasValue(first);
        assertThat(keys.get(Users.fresh("other"), "order-1")).as("another user's key of the same name").isEmpty();

        keys.delete(user, "order-1");
        assertThat(keys.get(user, "order-1")).isEmpty();
        assertThat(keys.put(second)).as("a put after the delete").isTrue();
        assertThat(keys.get(user, "order-1")).hasValue(second);
    }

    @Test
    void aKeyIsStoredInTheLayoutItAlwaysHad() {
        String user = Users.fresh("ida");
        String taskId = JobIds.taskId(JobIds.newBody());
        long before = Instant.now().plus(settings.idempotencyWindow()).getEpochSecond();
        keys.put(new IdempotencyRecord(user, "k.1", taskId, "h"));

        var item = dynamo.getItem(b -> b.tableName(settings.table()).consistentRead(true)
                .key(Map.of("pk", JobItems.s("IDEM#" + user + "#k.1"), "sk", JobItems.s("IDEM")))).item();
        assertThat(item).containsOnlyKeys("pk", "sk", "task_id", "request_hash", "expires_at");
        assertThat(item.get("task_id").s()).isEqualTo(taskId);
        assertThat(item.get("request_hash").s()).isEqualTo("h");
        assertThat(Long.parseLong(item.get("expires_at").n())).isBetween(before, before + 5);
    }

    @Test
    void aKeyRecordedBeforeRequestsWereHashedHasNoHash() {
        String user = Users.fresh("ida");
        String taskId = JobIds.taskId(JobIds.newBody());
        dynamo.putItem(b -> b.tableName(settings.table()).item(Map.of("pk", JobItems.s("IDEM#" + user + "#old"),
                "sk", JobItems.s("IDEM"), "task_id", JobItems.s(taskId))));

        assertThat(keys.get(user, "old")).hasValue(new IdempotencyRecord(user, "old", taskId, null));
    }
}
