package dev.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.GraphCandidates;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.extract.rules.RulesExtractor;
import dev.engram.graph.GraphWriter.Provenance;
import dev.engram.graph.GraphWriter.Written;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The graph writer on the local Postgres: entities resolved per user, facts placed in time, redelivery harmless. */
@QuarkusTest
class GraphWriterTest {

    private static final String MEETING = "Meeting notes - Jan 15, 2024\nDecided to expand to European market in Q2. "
            + "John will lead the expansion. Action item: Sarah to prepare market research by Feb 1. Alice Chen is the "
            + "product lead at Acme Corp.";
    private static final String MOVE = "As of March 1, 2024 Alice Chen works at Globex.";

    @Inject
    GraphWriter writer;
    @Inject
    RulesExtractor extractor;
    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;
    @Inject
    GraphPurge purge;

    private Written ingest(String user, String job, String text, boolean saved) {
        ExtractionContext context = new ExtractionContext(EnumSet.allOf(MemoryType.class), null, ZoneOffset.UTC);
        List<MemoryCandidate> memories = extractor.extract(text, context);
        GraphCandidates graph = extractor.graph(text, context, memories);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < memories.size(); i++) {
            ids.add(UUID.nameUUIDFromBytes((job + "/" + i).getBytes()));
        }
        return writer.apply(user, graph, new Provenance(job, 0, text, ids, saved));
    }

    private List<Row> rows(String sql, Object... args) {
        return bridge.await(() -> pool.preparedQuery(sql).execute(Tuple.from(args)).map(rs -> {
            List<Row> out = new ArrayList<>();
            rs.forEach(out::add);
            return out;
        }));
    }

    private List<Row> worksAt(String user, String person) {
        return rows("SELECT t.name AS target, r.valid_from, r.valid_to, r.status, r.superseded_by, r.attributes::text "
                + "AS attributes FROM relationships r JOIN entities s ON s.id = r.source_id JOIN entities t "
                + "ON t.id = r.target_id WHERE r.user_id = $1 AND s.name = $2 AND r.type = 'works_at' "
                + "ORDER BY r.valid_from", user, person);
    }

    @Test
    void aNewEmployerClosesTheOldOneAtItsDateAndKeepsItsHistory() {
        String alice = Users.fresh("alice");
        ingest(alice, "job-1", MEETING, true);
        ingest(alice, "job-2", MOVE, true);
        List<Row> edges = worksAt(alice, "Alice Chen");
        assertThat(edges).hasSize(2);
        assertThat(edges.get(0).getString("target")).isEqualTo("Acme Corp");
        assertThat(edges.get(0).getLocalDate("valid_from")).isEqualTo(LocalDate.of(2024, 1, 15));
        assertThat(edges.get(0).getLocalDate("valid_to")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(edges.get(0).getString("status")).isEqualTo("invalidated");
        assertThat(edges.get(0).getString("attributes")).contains("product lead");
        assertThat(edges.get(1).getString("target")).isEqualTo("Globex");
        assertThat(edges.get(1).getLocalDate("valid_to")).isNull();
        assertThat(edges.get(1).getString("status")).isEqualTo("active");
    }

    @Test
    void decisionsAndTasksAreTheirMemoriesLedAssignedAndDecidedInTheMeeting() {
        String alice = Users.fresh("alice");
        ingest(alice, "job-1", MEETING, false);
        List<Row> facts = rows("SELECT s.type AS st, s.name AS sn, r.type, t.type AS tt, t.name AS tn, r.status, "
                + "t.memory_id AS tm, s.memory_id AS sm FROM relationships r JOIN entities s ON s.id = r.source_id "
                + "JOIN entities t ON t.id = r.target_id WHERE r.user_id = $1", alice);
        assertThat(facts).anySatisfy(f -> {
            assertThat(f.getString("sn")).isEqualTo("John");
            assertThat(f.getString("type")).isEqualTo("leads");
            assertThat(f.getString("tt")).isEqualTo("decision");
            assertThat(f.getUUID("tm")).isNotNull();
            assertThat(f.getString("status")).isEqualTo("proposed");
        });
        assertThat(facts).anySatisfy(f -> {
            assertThat(f.getString("st")).isEqualTo("decision");
            assertThat(f.getString("type")).isEqualTo("decided_in");
            assertThat(f.getString("tn")).isEqualTo("Meeting 2024-01-15");
        });
        assertThat(facts).anySatisfy(f -> {
            assertThat(f.getString("st")).isEqualTo("task");
            assertThat(f.getString("type")).isEqualTo("assigned_to");
            assertThat(f.getString("tn")).isEqualTo("Sarah");
        });
        List<Row> evidence = rows("SELECT g.snippet, g.job_id, g.char_start, g.char_end FROM graph_evidence g "
                + "JOIN relationships r ON r.id = g.relationship_id WHERE r.user_id = $1 AND r.type = 'works_at'", alice);
        assertThat(evidence).singleElement().satisfies(e -> {
            assertThat(e.getString("snippet")).contains("Alice Chen is the product lead at Acme Corp");
            assertThat(e.getString("job_id")).isEqualTo("job-1");
            assertThat(e.getInteger("char_end")).isGreaterThan(e.getInteger("char_start"));
        });
    }

    @Test
    void applyingTheSameChunkTwiceAddsNothingEvenConcurrently() throws Exception {
        String alice = Users.fresh("alice");
        Written first = ingest(alice, "job-1", MEETING, true);
        assertThat(first.entities()).isPositive();
        assertThat(first.relationships()).isPositive();
        long entities = count("entities", alice);
        long relationships = count("relationships", alice);
        long evidence = count("graph_evidence", alice);
        Written again = ingest(alice, "job-1", MEETING, true);
        assertThat(again).isEqualTo(new Written(0, 0, 0));
        CompletableFuture<Written> a = CompletableFuture.supplyAsync(() -> ingest(alice, "job-2", MOVE, true));
        CompletableFuture<Written> b = CompletableFuture.supplyAsync(() -> ingest(alice, "job-2", MOVE, true));
        assertThat(a.get().relationships() + b.get().relationships()).isEqualTo(1);
        assertThat(count("entities", alice)).isEqualTo(entities + 1);
        assertThat(count("relationships", alice)).isEqualTo(relationships + 1);
        assertThat(count("graph_evidence", alice)).isGreaterThan(evidence);
        assertThat(worksAt(alice, "Alice Chen")).hasSize(2);
    }

    @Test
    void theSameNameOfTwoUsersIsTwoEntitiesAndSpellingsOfOneAcronymAreOne() {
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        ingest(alice, "job-a", "John Smith works at DGIA.", true);
        ingest(bob, "job-b", "John Smith works at DGIA.", true);
        ingest(alice, "job-c", "Maria joined D.G.I.A. last year. Tom works for DGIA.", true);
        assertThat(rows("SELECT id FROM entities WHERE name = 'John Smith' AND user_id = ANY($1)",
                (Object) new String[] {alice, bob})).hasSize(2);
        List<Row> dgia = rows("SELECT id, mention_count FROM entities WHERE user_id = $1 AND type = 'organization'",
                alice);
        assertThat(dgia).singleElement().satisfies(r -> assertThat(r.getInteger("mention_count")).isEqualTo(3));
        assertThat(rows("SELECT id FROM relationships WHERE user_id = $1 AND type = 'works_at'", alice)).hasSize(3);
    }

    @Test
    void purgingAJobRemovesItsEvidenceAndWhatRestedOnlyOnItAndReopensWhatItHadClosed() {
        String alice = Users.fresh("alice");
        ingest(alice, "job-1", MEETING, true);
        long entities = count("entities", alice);
        ingest(alice, "job-2", MOVE, true);
        assertThat(worksAt(alice, "Alice Chen")).hasSize(2);

        purge.purgeJob(alice, "job-2");

        List<Row> edges = worksAt(alice, "Alice Chen");
        assertThat(edges).singleElement().satisfies(e -> {
            assertThat(e.getString("target")).isEqualTo("Acme Corp");
            assertThat(e.getLocalDate("valid_to")).isNull();
            assertThat(e.getString("status")).isEqualTo("active");
            assertThat(e.getUUID("superseded_by")).isNull();
        });
        assertThat(rows("SELECT id FROM entities WHERE user_id = $1 AND name = 'Globex'", alice)).isEmpty();
        assertThat(count("entities", alice)).isEqualTo(entities);
        assertThat(rows("SELECT id FROM graph_evidence WHERE user_id = $1 AND job_id = 'job-2'", alice)).isEmpty();

        purge.purgeJob(alice, "job-1");
        assertThat(count("entities", alice)).isZero();
        assertThat(count("relationships", alice)).isZero();
    }

    @Test
    void aChunkWhoseWorkWasPurgedWritesNothing() {
        String alice = Users.fresh("alice");
        ExtractionContext context = new ExtractionContext(EnumSet.allOf(MemoryType.class), null, ZoneOffset.UTC);
        GraphCandidates graph = extractor.graph(MOVE, context, List.of());
        Written none = writer.apply(alice, graph, new Provenance("job-gone", 0, MOVE, List.of(), true), true);
        assertThat(none).isEqualTo(new Written(0, 0, 0));
        assertThat(count("entities", alice)).isZero();
    }

    private long count(String table, String user) {
        return rows("SELECT count(*) AS n FROM " + table + " WHERE user_id = $1", user).get(0).getLong("n");
    }
}
