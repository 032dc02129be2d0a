package dev.engram.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.MemoryType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuplicatePolicyTest {

    private final DuplicatePolicy policy = new DuplicatePolicy(0.85);
    private final float[] v = {1f, 0f, 0f};
    private final float[] near = {0.95f, 0.2f, 0f};
    private final float[] far = {0f, 1f, 0f};

    @Test
    void sameTaskSameAssigneeAndDateIsADuplicate() {
        var meta = Map.of("assignee", "Sarah", "due_date", "2024-02-01");
        assertThat(policy.duplicates(MemoryType.TASK, meta, v, MemoryType.TASK,
                Map.of("assignee", "sarah ", "due_date", "2024-02-01"), near)).isTrue();
    }

    @Test
    void similarTasksForDifferentPeopleAreNotDuplicates() {
        assertThat(policy.duplicates(MemoryType.TASK, Map.of("assignee", "Sarah"), v,
                MemoryType.TASK, Map.of("assignee", "John"), v)).isFalse();
    }

    @Test
    void aDueDateOnOneSideOnlyKeepsBoth() {
        assertThat(policy.duplicates(MemoryType.TASK, Map.of("assignee", "Sarah"), v,
                MemoryType.TASK, Map.of("assignee", "Sarah", "due_date", "2024-02-01"), v)).isFalse();
    }

    @Test
    void differentTypesOrDistantVectorsAreNotDuplicates() {
        assertThat(policy.duplicates(MemoryType.TASK, Map.of(), v, MemoryType.DECISION, Map.of(), v)).isFalse();
        assertThat(policy.duplicates(MemoryType.TOPIC, Map.of(), v, MemoryType.TOPIC, Map.of(), far)).isFalse();
    }

    @Test
    void listMetadataCompareRegardlessOfOrder() {
        assertThat(DuplicatePolicy.keyMetadataAgrees(MemoryType.CONTACT,
                Map.of("emails", List.of("a@x.io", "b@x.io")), Map.of("emails", List.of("B@x.io", "a@x.io"))))
                .isTrue();
    }

    @Test
    void cosineOfMissingVectorIsZero() {
        assertThat(DuplicatePolicy.cosine(null, v)).isZero();
        assertThat(DuplicatePolicy.cosine(v, v)).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
