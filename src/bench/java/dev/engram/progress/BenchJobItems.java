package dev.engram.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The job record Engram's API writes for a new text submission, built by Engram's own mapping. */
public final class BenchJobItems {

    private BenchJobItems() {
    }

    /** The item {@link JobStore#create} puts for an accepted asynchronous text job. */
    public static Map<String, AttributeValue> accepted(String taskId, String userId, String inputKey) {
        Job job = Job.accepted(taskId, userId, "manual", null, inputKey, "text/plain",
                new JobOptions(List.of("all"), null, "UTC", false));
        return JobItems.toItem(job, Instant.now().plus(Duration.ofDays(7)).getEpochSecond());
    }
}
