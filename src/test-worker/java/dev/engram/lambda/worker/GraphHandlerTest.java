package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.process.ProcessStage;
import dev.engram.progress.Job;
import dev.engram.progress.JobStore;
import dev.engram.split.ChunkReady;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The graph function, driven by {@code infra/events/graph-requested.json}, after the process stage stored a chunk. */
@QuarkusTest
@TestProfile(WorkerFunction.Graph.class)
class GraphHandlerTest {

    @Inject
    JobStore jobs;
    @Inject
    ProcessStage processor;
    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    @Test
    void aProcessedChunksEntitiesAndFactsLandInItsOwnersGraphOnce() throws Exception {
        Job job = processed("alice-" + UUID.randomUUID());
        ObjectNode event = graphEventFor(job);

        assertThat(ProcessHandlerTest.failures(MockLambda.invoke(event))).isEmpty();

        assertThat(one("SELECT state FROM graph_work WHERE job_id = $1", job.taskId())).isEqualTo("completed");
        List<String> facts = facts(job.userId());
        assertThat(facts).contains("person:John leads decision", "task assigned_to person:Sarah",
                "decision decided_in event:Meeting 2024-01-15", "decision about place:Europe");
        assertThat(one("SELECT count(*)::text FROM entities e JOIN pending_memories p ON p.id = e.memory_id "
                + "WHERE e.user_id = $1", job.userId())).isEqualTo("2");

        long entities = count("entities", job.userId());
        long evidence = count("graph_evidence", job.userId());
        assertThat(ProcessHandlerTest.failures(MockLambda.invoke(event))).isEmpty();
        assertThat(facts(job.userId())).hasSameSizeAs(facts);
        assertThat(count("entities", job.userId())).isEqualTo(entities);
        assertThat(count("graph_evidence", job.userId())).isEqualTo(evidence);
    }

    @Test
    void aRequestWithoutWorkIsAcknowledgedAndWritesNothing() {
        String user = "alice-" + UUID.randomUUID();
        ObjectNode event = LambdaEvents.withSqsBodies(LambdaEvents.load("graph-requested.json"), body -> body
                .put("job_id", "tsk_" + UUID.randomUUID().toString().replace("-", "")).put("user_id", user));
        assertThat(ProcessHandlerTest.failures(MockLambda.invoke(event))).isEmpty();
        assertThat(count("entities", user)).isZero();
    }

    /** A job of one chunk run through the process stage, which stores its memories and asks for its graph. */
    private Job processed(String user) throws Exception {
        Job job = Jobs.split(jobs, user, 1);
        ObjectNode body = (ObjectNode) json.readTree(LambdaEvents.load("process-chunk.json").path("Records").get(0)
                .path("body").asText());
        body.put("task_id", job.taskId()).put("extraction_id", job.extractionId()).put("user_id", user);
        processor.process(json.treeToValue(body, ChunkReady.class), false);
        return job;
    }

    private static ObjectNode graphEventFor(Job job) {
        return LambdaEvents.withSqsBodies(LambdaEvents.load("graph-requested.json"), body -> body
                .put("job_id", job.taskId()).put("user_id", job.userId()));
    }

    private List<String> facts(String user) {
        return bridge.await(() -> pool.preparedQuery("SELECT CASE WHEN s.memory_id IS NULL THEN s.type || ':' || s.name "
                + "ELSE s.type END || ' ' || r.type || ' ' || CASE WHEN t.memory_id IS NULL THEN t.type || ':' || t.name "
                + "ELSE t.type END AS fact FROM relationships r JOIN entities s ON s.id = r.source_id JOIN entities t "
                + "ON t.id = r.target_id WHERE r.user_id = $1").execute(Tuple.of(user)).map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString("fact")));
                    return out;
                }));
    }

    private String one(String sql, String arg) {
        return bridge.await(() -> pool.preparedQuery(sql).execute(Tuple.of(arg))
                .map(rows -> rows.iterator().next().getValue(0).toString()));
    }

    private long count(String table, String user) {
        return Long.parseLong(one("SELECT count(*) FROM " + table + " WHERE user_id = $1", user));
    }
}
