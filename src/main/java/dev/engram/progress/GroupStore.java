package dev.engram.progress;

import static dev.engram.progress.JobItems.n;
import static dev.engram.progress.JobItems.s;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Groups of jobs submitted together (bulk extraction), in the job table. */
@ApplicationScoped
public class GroupStore {

    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final JobTableSettings settings;

    GroupStore(DynamoDbClient dynamo, JobTableSettings settings) {
        this.dynamo = dynamo;
        this.settings = settings;
    }

    /**
     * A group of jobs.
     *
     * @param groupId   its id
     * @param userId    its owner
     * @param taskIds   its jobs in submission order
     * @param createdAt when it was submitted
     */
    public record Group(String groupId, String userId, List<String> taskIds, Instant createdAt) {
    }

    public void create(Group group) {
        Map<String, AttributeValue> item = new HashMap<>(key(group.groupId()));
        item.put("user_id", s(group.userId()));
        item.put("task_ids", AttributeValue.fromL(group.taskIds().stream().map(JobItems::s).toList()));
        item.put("created_at", s(group.createdAt().toString()));
        item.put(JobItems.TTL, n(group.createdAt().plus(settings.retention()).getEpochSecond()));
        dynamo.putItem(b -> b.tableName(settings.table()).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    /** A group of {@code userId}; another user's group is indistinguishable from none. */
    public Optional<Group> findOwned(String groupId, String userId) {
        if (groupId == null || !groupId.matches("grp_[0-9a-f]{32}")) {
            return Optional.empty();
        }
        var item = dynamo.getItem(b -> b.tableName(settings.table()).key(key(groupId)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !userId.equals(item.get("user_id").s())) {
            return Optional.empty();
        }
        return Optional.of(new Group(groupId, userId, item.get("task_ids").l().stream().map(AttributeValue::s)
                .toList(), Instant.parse(item.get("created_at").s())));
    }

    /** The group's jobs, in its order (a purged job is left out). */
    public List<Job> jobsOf(Group group) {
        Map<String, Job> found = new LinkedHashMap<>();
        List<String> ids = group.taskIds();
        for (int from = 0; from < ids.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH_GET_LIMIT))
                    .stream().map(JobItems::key).toList();
            Map<String, KeysAndAttributes> request = Map.of(settings.table(),
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                var pending = request;
                var result = dynamo.batchGetItem(b -> b.requestItems(pending));
                result.responses().getOrDefault(settings.table(), List.of())
                        .forEach(item -> found.put(item.get("task_id").s(), JobItems.fromItem(item)));
                request = result.hasUnprocessedKeys() ? result.unprocessedKeys() : Map.of();
            }
        }
        List<Job> ordered = new ArrayList<>();
        ids.forEach(id -> {
            Job j = found.get(id);
            if (j != null) {
                ordered.add(j);
            }
        });
        return ordered;
    }

    private static Map<String, AttributeValue> key(String groupId) {
        return Map.of(JobItems.PK, s("GROUP#" + groupId), JobItems.SK, s("GROUP"));
    }
}
