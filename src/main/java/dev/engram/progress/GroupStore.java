package dev.engram.progress;

import static dev.engram.progress.JobItems.n;
import static dev.engram.progress.JobItems.s;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Groups of jobs submitted together (bulk extraction), in the job table. */
@ApplicationScoped
public class GroupStore {

    private final DynamoDbClient dynamo;
    private final JobTableSettings settings;
    private final JobTable table;

    GroupStore(DynamoDbClient dynamo, JobTableSettings settings) {
        this.dynamo = dynamo;
        this.settings = settings;
        this.table = new JobTable(dynamo, settings);
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
        Map<String, Job> found = new HashMap<>();
        for (var item : table.consistentBatchGet(group.taskIds().stream().map(JobItems::key).toList())) {
            found.put(item.get("task_id").s(), JobItems.fromItem(item));
        }
        List<Job> ordered = new ArrayList<>();
        group.taskIds().forEach(id -> {
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
