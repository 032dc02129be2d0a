package dev.engram.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.process.ProcessStage;
import dev.engram.progress.ExtractionStatus;
import dev.engram.progress.Job;
import dev.engram.progress.JobStore;
import dev.engram.progress.PageRangeLedger;
import dev.engram.testing.Api;
import dev.engram.testing.AwsFaults;
import dev.engram.testing.TestJobs;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A purge wins over work in flight: no late write brings the job back, and nothing it owned survives. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class PurgeRaceTest {

    private static final String TEXT = "Decided to move the launch to March. "
            + "Action item: Priya to update the roadmap by 2024-02-20.";

    @Inject
    JobStore jobs;
    @Inject
    PageRangeLedger pageRanges;
    @Inject
    JobControl control;
    @Inject
    ProcessStage chunks;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    @AfterEach
    void disarm() {
        AwsFaults.clear();
    }

    @Test
    void writesThatArriveAfterAPurgeDoNotBringTheJobBack() {
        Job job = TestJobs.processing(jobs, Users.fresh("ola"), 2, false);
        pageRanges.recordRange(job.taskId(), 0, 1, 5);
        control.purge(job.userId(), job.taskId());

        // The split stage and the review follow-up of deliveries that were already running.
        jobs.markSplitDone(job.taskId());
        pageRanges.markRangeSent(job.taskId(), 0);
        jobs.setExtractionStatus(job.taskId(), ExtractionStatus.PENDING_REVIEW);

        var left = dynamo.query(b -> b.tableName(jobs.table()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("JOB#" + job.taskId())))).items();
        assertThat(left).as("items of the purged job").isEmpty();
        Api.as(job.userId()).get("/api/v1/memories/extract/{id}/progress", job.taskId()).then().statusCode(404);
    }

    @Test
    void aChunkThatStoresItsMemoriesAfterThePurgeLeavesNothingBehind() {
        Job job = TestJobs.processing(jobs, Users.fresh("ola"), 1, false);
        // The whole purge lands right after the chunk passed its check: the chunk then stores its memories and counts.
        AwsFaults.after("BatchGetItem", job.taskId(), () -> control.purge(job.userId(), job.taskId()));

        chunks.process(TestJobs.chunk(job, 0, TEXT, "UTC"), false);

        assertThat(jobs.find(job.taskId())).isEmpty();
        assertThat(rows("pending_memories", job.taskId())).as("pending memories left").isZero();
        assertThat(rows("chunks", job.taskId())).as("chunks left").isZero();
    }

    @Test
    void aChunkCutOffBeforeItDeletedWhatItStoredAfterThePurgeLeavesNothingOnItsRedelivery() {
        Job job = TestJobs.processing(jobs, Users.fresh("ola"), 1, false);
        var chunk = TestJobs.chunk(job, 0, TEXT, "UTC");
        // The purge lands right after the chunk passed its check; the chunk stores its memories, finds the job gone
        // when it counts, and its delivery is cut off before it deletes what it stored (here the look-up that tells
        // it the job is gone fails, as a worker killed there, or a lost connection, would end it).
        AwsFaults.after("BatchGetItem", job.taskId(), () -> {
            control.purge(job.userId(), job.taskId());
            AwsFaults.inject("GetItem", job.taskId(), 1, () -> SdkClientException.create("cut off (injected)"));
        });
        assertThatThrownBy(() -> chunks.process(chunk, false)).isInstanceOf(SdkClientException.class);
        assertThat(rows("chunks", job.taskId())).as("chunks stored after the purge").isOne();

        chunks.process(chunk, false);

        assertThat(rows("pending_memories", job.taskId())).as("pending memories left").isZero();
        assertThat(rows("chunks", job.taskId())).as("chunks left").isZero();
    }

    private long rows(String table, String taskId) {
        return bridge.await(() -> pool.preparedQuery("SELECT count(*) AS n FROM " + table + " WHERE job_id = $1")
                .execute(Tuple.of(taskId)).map(r -> r.iterator().next().getLong("n")));
    }
}
