package dev.engram.progress;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The connections table of the progress WebSocket API: one item per open connection (key {@code connection_id}),
 * with its user ({@code user_id}, indexed by {@value #BY_USER}), the task it follows ({@code task_id}, indexed by
 * {@value #BY_TASK}) and its token's expiry as the TTL ({@code expires_at}).
 */
@ApplicationScoped
public class ConnectionStore {

    static final String KEY = "connection_id";
    static final String BY_TASK = "by_task";
    static final String BY_USER = "by_user";
    static final String TTL = "expires_at";

    private final DynamoDbClient dynamo;
    private final SocketSettings settings;

    ConnectionStore(DynamoDbClient dynamo, SocketSettings settings) {
        this.dynamo = dynamo;
        this.settings = settings;
    }

    /** Records a connection its authorizer let in. */
    public void open(String connectionId, String userId, Instant expiresAt) {
        dynamo.putItem(b -> b.tableName(table()).item(Map.of(KEY, s(connectionId), "user_id", s(userId),
                TTL, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())))));
    }

    /** A connection by id. */
    public Optional<SocketConnection> find(String connectionId) {
        var item = dynamo.getItem(b -> b.tableName(table()).key(key(connectionId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(of(item));
    }

    /** The connection follows {@code taskId} from now on; false when it is no longer open. */
    public boolean follow(String connectionId, String taskId) {
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(key(connectionId))
                    .updateExpression("SET task_id = :t").conditionExpression("attribute_exists(" + KEY + ")")
                    .expressionAttributeValues(Map.of(":t", s(taskId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The connections following a task. */
    public List<SocketConnection> following(String taskId) {
        List<SocketConnection> found = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table()).indexName(BY_TASK).keyConditionExpression("task_id = :t")
                .expressionAttributeValues(Map.of(":t", s(taskId))))
                .items().forEach(item -> found.add(of(item)));
        return found;
    }

    /** How many connections a user holds whose token has not expired (TTL deletes expired items late). */
    public int openFor(String userId, Instant now) {
        int open = 0;
        for (var page : dynamo.queryPaginator(b -> b.tableName(table()).indexName(BY_USER)
                .keyConditionExpression("user_id = :u").filterExpression(TTL + " > :now")
                .expressionAttributeValues(Map.of(":u", s(userId),
                        ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT))) {
            open += page.count();
        }
        return open;
    }

    /** Forgets a connection (closed, gone, or finished with). */
    public void close(String connectionId) {
        dynamo.deleteItem(b -> b.tableName(table()).key(key(connectionId)));
    }

    private String table() {
        return settings.connectionsTable();
    }

    private static Map<String, AttributeValue> key(String connectionId) {
        return Map.of(KEY, s(connectionId));
    }

    private static SocketConnection of(Map<String, AttributeValue> item) {
        AttributeValue task = item.get("task_id");
        return new SocketConnection(item.get(KEY).s(), item.get("user_id").s(), task == null ? null : task.s(),
                Instant.ofEpochSecond(Long.parseLong(item.get(TTL).n())));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
