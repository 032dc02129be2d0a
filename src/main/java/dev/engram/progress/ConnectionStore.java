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
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The connections table of the progress WebSocket API: one item per open connection (key {@code connection_id}),
 * with its user ({@code user_id}), the task it follows ({@code task_id}, indexed by {@value #BY_TASK}), its token's
 * expiry as the TTL ({@code expires_at}) and the place it holds among its user's ({@code slot}).
 *
 * <p>A user's places are items of the same table keyed {@code slot#<user>#<n>}, n below the per-user limit, naming the
 * connection that holds them ({@code holder}). A connection takes the first place that is free or whose holder's
 * token has expired with one conditional write, so connections racing for the last place cannot both get it, and a
 * place whose {@code $disconnect} never came frees itself when its token expires (and goes by TTL).
 */
@ApplicationScoped
public class ConnectionStore {

    static final String KEY = "connection_id";
    static final String BY_TASK = "by_task";
    static final String TTL = "expires_at";
    static final String SLOT = "slot";
    static final String HOLDER = "holder";

    private final DynamoDbClient dynamo;
    private final SocketSettings settings;

    ConnectionStore(DynamoDbClient dynamo, SocketSettings settings) {
        this.dynamo = dynamo;
        this.settings = settings;
    }

    /**
     * Records a connection its authorizer let in, in one of its user's {@code maxPerUser} places; false, recording
     * nothing, when every place is held by a connection whose token has not expired at {@code now}.
     */
    public boolean open(String connectionId, String userId, Instant expiresAt, int maxPerUser, Instant now) {
        AttributeValue expiry = epoch(expiresAt);
        for (int n = 0; n < maxPerUser; n++) {
            String slot = slotKey(userId, n);
            if (claim(slot, connectionId, expiry, now)) {
                try {
                    dynamo.putItem(b -> b.tableName(table()).item(Map.of(KEY, s(connectionId), "user_id", s(userId),
                            TTL, expiry, SLOT, s(slot))));
                } catch (RuntimeException e) {
                    release(slot, connectionId);
                    throw e;
                }
                return true;
            }
        }
        return false;
    }

    private boolean claim(String slot, String connectionId, AttributeValue expiry, Instant now) {
        try {
            dynamo.putItem(b -> b.tableName(table()).item(Map.of(KEY, s(slot), HOLDER, s(connectionId), TTL, expiry))
                    .conditionExpression("attribute_not_exists(" + KEY + ") OR " + TTL + " <= :now")
                    .expressionAttributeValues(Map.of(":now", epoch(now))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private void release(String slot, String connectionId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table()).key(key(slot)).conditionExpression(HOLDER + " = :c")
                    .expressionAttributeValues(Map.of(":c", s(connectionId))));
        } catch (ConditionalCheckFailedException e) {
            // taken over by another connection after this one's token expired: not ours to free
        }
    }

    /** A connection by id. */
    public Optional<SocketConnection> find(String connectionId) {
        var item = dynamo.getItem(b -> b.tableName(table()).key(key(connectionId)).consistentRead(true)).item();
        return item == null || item.isEmpty() || !item.containsKey("user_id") ? Optional.empty() : Optional.of(of(item));
    }

    /** The connection follows {@code taskId} from now on; false when it is no longer open. */
    public boolean follow(String connectionId, String taskId) {
        try {
            dynamo.updateItem(b -> b.tableName(table()).key(key(connectionId))
                    .updateExpression("SET task_id = :t").conditionExpression("attribute_exists(user_id)")
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

    /**
     * The connections whose token has expired at {@code now}, places aside. A scan: the table holds open connections
     * only (at most max-per-user per user), and TTL removes expired items late, so no index is kept for this.
     */
    public List<SocketConnection> expired(Instant now) {
        List<SocketConnection> found = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table()).consistentRead(true)
                .filterExpression("attribute_exists(user_id) AND " + TTL + " <= :now")
                .expressionAttributeValues(Map.of(":now", epoch(now))))
                .items().forEach(item -> found.add(of(item)));
        return found;
    }

    /** Forgets a connection (closed, gone, or finished with) and frees its place; harmless when already forgotten. */
    public void close(String connectionId) {
        var old = dynamo.deleteItem(b -> b.tableName(table()).key(key(connectionId))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        if (old != null && old.get(SLOT) != null) {
            release(old.get(SLOT).s(), connectionId);
        }
    }

    private String table() {
        return settings.connectionsTable();
    }

    private static String slotKey(String userId, int slot) {
        return "slot#" + userId + "#" + slot;
    }

    private static Map<String, AttributeValue> key(String connectionId) {
        return Map.of(KEY, s(connectionId));
    }

    private static SocketConnection of(Map<String, AttributeValue> item) {
        AttributeValue task = item.get("task_id");
        return new SocketConnection(item.get(KEY).s(), item.get("user_id").s(), task == null ? null : task.s(),
                Instant.ofEpochSecond(Long.parseLong(item.get(TTL).n())));
    }

    private static AttributeValue epoch(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
