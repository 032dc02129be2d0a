package dev.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.EntityCandidate;
import dev.engram.extract.EntityType;
import dev.engram.extract.GraphCandidates;
import dev.engram.extract.RelationCandidate;
import dev.engram.extract.RelationType;
import dev.engram.graph.GraphWriter.Provenance;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Neighbours, paths, fact and entity curation, merges and their undo, embeddings and suggestions, tenancy. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class GraphCurationTest {

    private static final LocalDate Y2020 = LocalDate.of(2020, 1, 1);
    private static final LocalDate Y2023 = LocalDate.of(2023, 1, 1);

    @Inject
    GraphWriter writer;
    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    /** A chunk's graph by hand: entities {@code type:name} and facts {@code source|relation|target|from}. */
    private GraphWriter.Written write(String user, String job, List<String> entities, List<String> facts) {
        List<EntityCandidate> es = new ArrayList<>();
        int at = 0;
        for (String e : entities) {
            String[] p = e.split(":", 2);
            es.add(new EntityCandidate(EntityType.valueOf(p[0].toUpperCase()), p[1], Map.of(), at, at + p[1].length()));
            at += p[1].length() + 1;
        }
        List<RelationCandidate> rs = new ArrayList<>();
        for (String f : facts) {
            String[] p = f.split("\\|");
            EntityType st = typeOf(entities, p[0]);
            EntityType tt = typeOf(entities, p[2]);
            rs.add(new RelationCandidate(p[0], st, RelationType.fromWire(p[1]), p[2], tt, f, LocalDate.parse(p[3]),
                    null, false, 0.9, Map.of(), at, at + 10));
            at += 11;
        }
        return writer.apply(user, new GraphCandidates(es, rs), new Provenance(job, 0, null, List.of(), true));
    }

    private static EntityType typeOf(List<String> entities, String name) {
        return entities.stream().filter(e -> e.endsWith(":" + name)).map(e -> EntityType.valueOf(e.split(":")[0]
                .toUpperCase())).findFirst().orElseThrow();
    }

    private static String id(String user, String name) {
        return Api.as(user).queryParam("q", name).get("/api/v1/graph/entities").jsonPath()
                .getString("entities.find { it.name == '" + name + "' }.id");
    }

    /** Dana reports to Eve (2020), works at Acme Robotics (2023), which is in Berlin (2020). */
    private String danasWorld() {
        String user = Users.fresh("alice");
        write(user, "job-1", List.of("person:Dana Lee", "person:Eve Stone", "organization:Acme Robotics",
                "place:Berlin"), List.of("Dana Lee|reports_to|Eve Stone|2020-01-01",
                "Dana Lee|works_at|Acme Robotics|2023-01-01", "Acme Robotics|located_in|Berlin|2020-01-01"));
        return user;
    }

    @Test
    void neighborsReachOneOrTwoHopsAndHonourTheDate() {
        String user = danasWorld();
        String dana = id(user, "Dana Lee");
        Response one = Api.as(user).get("/api/v1/graph/entities/{id}/neighbors?depth=1", dana);
        assertThat(one.statusCode()).as(one.asString()).isEqualTo(200);
        assertThat(one.jsonPath().getList("nodes.name")).containsExactlyInAnyOrder("Dana Lee", "Eve Stone",
                "Acme Robotics");
        assertThat(one.jsonPath().getList("edges.type")).containsExactlyInAnyOrder("reports_to", "works_at");
        Response two = Api.as(user).get("/api/v1/graph/entities/{id}/neighbors?depth=2", dana);
        assertThat(two.jsonPath().getList("nodes.name")).contains("Berlin");
        Response before = Api.as(user).get("/api/v1/graph/entities/{id}/neighbors?depth=2&as_of=2022-06-01", dana);
        assertThat(before.jsonPath().getList("nodes.name")).containsExactlyInAnyOrder("Dana Lee", "Eve Stone");
        Response typed = Api.as(user).get("/api/v1/graph/entities/{id}/neighbors?type=works_at", dana);
        assertThat(typed.jsonPath().getList("nodes.name")).containsExactlyInAnyOrder("Dana Lee", "Acme Robotics");

        assertThat(Api.as(user).get("/api/v1/graph/entities/{id}/neighbors?depth=4", dana).asString())
                .contains("depth: must be 1 to 3");
        Response relation = Api.as(user).get("/api/v1/graph/entities/{id}/neighbors?type=likes", dana);
        assertThat(relation.statusCode()).isEqualTo(400);
        assertThat(relation.asString()).contains("type: must be one of works_at, reports_to");
        assertThat(Api.as(user).get("/api/v1/graph/entities/{id}/neighbors?as_of=soon", dana).asString())
                .contains("as_of: must be a date");
    }

    @Test
    void pathsAreTheShortestAndTheirLimitsAreChecked() {
        String user = danasWorld();
        String eve = id(user, "Eve Stone");
        String berlin = id(user, "Berlin");
        Response paths = Api.as(user).get("/api/v1/graph/paths?from={f}&to={t}", eve, berlin);
        assertThat(paths.statusCode()).as(paths.asString()).isEqualTo(200);
        assertThat(paths.jsonPath().getList("paths")).hasSize(1);
        assertThat(paths.jsonPath().getList("paths[0].nodes.name")).containsExactly("Eve Stone", "Dana Lee",
                "Acme Robotics", "Berlin");
        assertThat(paths.jsonPath().getList("paths[0].edges.type")).containsExactly("reports_to", "works_at",
                "located_in");
        assertThat(Api.as(user).get("/api/v1/graph/paths?from={f}&to={t}&max_depth=2", eve, berlin).jsonPath()
                .getList("paths")).isEmpty();
        assertThat(Api.as(user).get("/api/v1/graph/paths?from={f}&to={t}&as_of=2022-01-01", eve, berlin).jsonPath()
                .getList("paths")).isEmpty();

        Response same = Api.as(user).get("/api/v1/graph/paths?from={f}&to={t}", eve, eve);
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(same.asString()).contains("to: must be another entity");
        Response deep = Api.as(user).get("/api/v1/graph/paths?from={f}&to={t}&max_depth=5", eve, berlin);
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(deep.asString()).contains("max_depth: must be 1 to 4");
    }

    /** The user's graph rows that a merge touches, as text, in a stable order. */
    private List<String> snapshot(String user) {
        List<String> out = new ArrayList<>();
        for (String sql : List.of(
                "SELECT id, status, merged_into, mention_count FROM entities WHERE user_id = $1 ORDER BY id",
                "SELECT entity_id, alias, alias_key FROM entity_aliases WHERE user_id = $1 ORDER BY entity_id, alias_key",
                "SELECT id, source_id, target_id, type, status, valid_from, valid_to FROM relationships "
                        + "WHERE user_id = $1 ORDER BY id",
                "SELECT id, entity_id, relationship_id FROM graph_evidence WHERE user_id = $1 ORDER BY id")) {
            bridge.await(() -> pool.preparedQuery(sql).execute(Tuple.of(user))).forEach(r -> out.add(r.toJson()
                    .encode()));
        }
        return out;
    }

    @Test
    void aMergeMovesEverythingAndItsUndoRestoresItExactly() {
        String user = danasWorld();
        write(user, "job-2", List.of("person:Frank Ocean", "organization:Initech", "place:Berlin"),
                List.of("Frank Ocean|works_at|Initech|2021-01-01", "Initech|located_in|Berlin|2021-01-01"));
        String acme = id(user, "Acme Robotics");
        String initech = id(user, "Initech");
        List<String> before = snapshot(user);

        Response merged = Api.as(user).contentType("application/json").body(Map.of("into", acme))
                .post("/api/v1/graph/entities/{id}/merge", initech);
        assertThat(merged.statusCode()).as(merged.asString()).isEqualTo(200);
        assertThat(merged.jsonPath().getString("method")).isEqualTo("manual");
        assertThat(merged.jsonPath().getString("merged.status")).isEqualTo("merged");
        assertThat(merged.jsonPath().getList("survivor.aliases")).contains("Initech");
        assertThat(merged.jsonPath().getList("moved.edges")).hasSize(1);
        assertThat(merged.jsonPath().getList("moved.set_aside")).hasSize(1);
        Response frank = Api.as(user).get("/api/v1/graph/about?name=Frank Ocean");
        assertThat(frank.jsonPath().getList("facts.other.name")).containsExactly("Acme Robotics");
        // Both organisations were in Berlin over overlapping years: one edge, with the evidence of both.
        Response acmeAbout = Api.as(user).get("/api/v1/graph/about?name=Acme Robotics");
        assertThat(acmeAbout.jsonPath().getList("facts.findAll { it.type == 'located_in' }")).hasSize(1);
        assertThat(acmeAbout.jsonPath().getList("facts.find { it.type == 'located_in' }.evidence")).hasSize(2);
        assertThat(Api.as(user).get("/api/v1/graph/about?name=Initech").jsonPath().getString("entity.name"))
                .isEqualTo("Acme Robotics");

        String mergeId = merged.jsonPath().getString("id");
        Response undone = Api.as(user).post("/api/v1/graph/merges/{id}/undo", mergeId);
        assertThat(undone.statusCode()).as(undone.asString()).isEqualTo(200);
        assertThat(undone.jsonPath().getString("undone_at")).isNotNull();
        assertThat(snapshot(user)).containsExactlyElementsOf(before);

        Response twice = Api.as(user).post("/api/v1/graph/merges/{id}/undo", mergeId);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.contentType()).startsWith("application/problem+json");
    }

    @Test
    void mergesAreRefusedAcrossTypesIntoItselfAndIntoARejectedEntity() {
        String user = danasWorld();
        write(user, "job-2", List.of("organization:Initech"), List.of());
        String acme = id(user, "Acme Robotics");
        String initech = id(user, "Initech");
        String dana = id(user, "Dana Lee");
        Response across = Api.as(user).contentType("application/json").body(Map.of("into", dana))
                .post("/api/v1/graph/entities/{id}/merge", acme);
        assertThat(across.statusCode()).isEqualTo(400);
        assertThat(across.asString()).contains("into: must be an entity of the same type");
        Response itself = Api.as(user).contentType("application/json").body(Map.of("into", acme))
                .post("/api/v1/graph/entities/{id}/merge", acme);
        assertThat(itself.statusCode()).isEqualTo(400);
        assertThat(itself.asString()).contains("into:");

        Response rejected = Api.as(user).post("/api/v1/graph/entities/{id}/reject", initech);
        assertThat(rejected.jsonPath().getString("status")).isEqualTo("rejected");
        Response into = Api.as(user).contentType("application/json").body(Map.of("into", initech))
                .post("/api/v1/graph/entities/{id}/merge", acme);
        assertThat(into.statusCode()).isEqualTo(409);
        assertThat(Api.as(user).get("/api/v1/graph/entities?q=initech").jsonPath().getList("entities")).isEmpty();
    }

    @Test
    void aFactIsConfirmedRejectedAndEnded() {
        String user = danasWorld();
        String dana = id(user, "Dana Lee");
        String works = Api.as(user).get("/api/v1/graph/entities/{id}/neighbors?type=works_at", dana).jsonPath()
                .getString("edges[0].id");
        Response fact = Api.as(user).get("/api/v1/graph/relationships/{id}", works);
        assertThat(fact.statusCode()).as(fact.asString()).isEqualTo(200);
        assertThat(fact.jsonPath().getString("source.name")).isEqualTo("Dana Lee");
        assertThat(fact.jsonPath().getString("target.name")).isEqualTo("Acme Robotics");
        assertThat(fact.jsonPath().getList("evidence")).hasSize(1);

        assertThat(Api.as(user).post("/api/v1/graph/relationships/{id}/reject", works).jsonPath().getString("status"))
                .isEqualTo("rejected");
        assertThat(Api.as(user).get("/api/v1/graph/entities/{id}/neighbors?type=works_at", dana).jsonPath()
                .getList("edges")).isEmpty();
        assertThat(Api.as(user).post("/api/v1/graph/relationships/{id}/confirm", works).jsonPath()
                .getString("status")).isEqualTo("active");

        Response early = Api.as(user).contentType("application/json").body(Map.of("valid_to", "2022-12-31"))
                .patch("/api/v1/graph/relationships/{id}", works);
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(early.asString()).contains("valid_to: must not be before valid_from");
        assertThat(Api.as(user).contentType("application/json").body(Map.of("valid_to", "someday"))
                .patch("/api/v1/graph/relationships/{id}", works).asString()).contains("valid_to: must be a date");
        Response ended = Api.as(user).contentType("application/json").body(Map.of("valid_to", "2024-06-30"))
                .patch("/api/v1/graph/relationships/{id}", works);
        assertThat(ended.statusCode()).as(ended.asString()).isEqualTo(200);
        assertThat(ended.jsonPath().getString("valid_to")).isEqualTo("2024-06-30");
        assertThat(ended.jsonPath().getString("status")).isEqualTo("invalidated");
    }

    @Test
    void anotherUsersIdsAreNotFoundOnEveryRoute() {
        String alice = danasWorld();
        write(alice, "job-2", List.of("organization:Initech"), List.of());
        String acme = id(alice, "Acme Robotics");
        String initech = id(alice, "Initech");
        String dana = id(alice, "Dana Lee");
        String fact = Api.as(alice).get("/api/v1/graph/entities/{id}/neighbors", dana).jsonPath()
                .getString("edges[0].id");
        String merge = Api.as(alice).contentType("application/json").body(Map.of("into", acme))
                .post("/api/v1/graph/entities/{id}/merge", initech).jsonPath().getString("id");

        String bob = Users.fresh("bob");
        String bobs = write(bob, "job-b", List.of("organization:Bobco"), List.of()) == null ? null : id(bob, "Bobco");
        List<Response> answers = List.of(
                Api.as(bob).get("/api/v1/graph/entities/{id}/neighbors", dana),
                Api.as(bob).get("/api/v1/graph/paths?from={f}&to={t}", dana, acme),
                Api.as(bob).get("/api/v1/graph/paths?from={f}&to={t}", bobs, acme),
                Api.as(bob).get("/api/v1/graph/relationships/{id}", fact),
                Api.as(bob).contentType("application/json").body(Map.of("valid_to", "2030-01-01"))
                        .patch("/api/v1/graph/relationships/{id}", fact),
                Api.as(bob).post("/api/v1/graph/relationships/{id}/confirm", fact),
                Api.as(bob).post("/api/v1/graph/relationships/{id}/reject", fact),
                Api.as(bob).contentType("application/json").body(Map.of("into", bobs))
                        .post("/api/v1/graph/entities/{id}/merge", acme),
                Api.as(bob).contentType("application/json").body(Map.of("into", acme))
                        .post("/api/v1/graph/entities/{id}/merge", bobs),
                Api.as(bob).post("/api/v1/graph/entities/{id}/reject", acme),
                Api.as(bob).post("/api/v1/graph/merges/{id}/undo", merge));
        for (Response r : answers) {
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(404);
        }
        assertThat(Api.as(bob).get("/api/v1/graph/merge-candidates").jsonPath().getList("candidates")).isEmpty();
        assertThat(Api.as(alice).get("/api/v1/graph/relationships/{id}", fact).jsonPath().getString("status"))
                .isEqualTo("active");
        assertThat(Api.as(alice).get("/api/v1/graph/entities/{id}", acme).jsonPath().getString("status"))
                .isEqualTo("active");
    }

    @Test
    void aNearIdenticalNameMergesByEmbeddingAndACloseOneIsSuggested() {
        String user = danasWorld();
        write(user, "job-2", List.of("person:Dana Lee", "organization:Globex"),
                List.of("Dana Lee|member_of|Globex|2023-01-01"));
        // Another key and no acronym in common, but a cosine above 0.92 with the real local embedder.
        var first = write(user, "job-3", List.of("person:Gil Hart", "organization:Globex Systems"),
                List.of("Gil Hart|works_at|Globex Systems|2024-01-01"));
        assertThat(first.entities()).isEqualTo(2);
        String globex = id(user, "Globex");
        Response about = Api.as(user).get("/api/v1/graph/about?name=Globex Systems");
        assertThat(about.jsonPath().getString("entity.id")).isEqualTo(globex);
        assertThat(about.jsonPath().getList("entity.aliases")).contains("Globex Systems");
        assertThat(about.jsonPath().getList("facts.other.name")).contains("Gil Hart", "Dana Lee");
        List<String> merges = new ArrayList<>();
        bridge.await(() -> pool.preparedQuery("SELECT method, score FROM entity_merges WHERE user_id = $1")
                .execute(Tuple.of(user))).forEach(r -> merges.add(r.getString("method") + " " + r.getFloat("score")));
        assertThat(merges).hasSize(1).allMatch(m -> m.startsWith("embedding 0.9"));

        List<String> before = snapshot(user);
        var again = write(user, "job-3", List.of("person:Gil Hart", "organization:Globex Systems"),
                List.of("Gil Hart|works_at|Globex Systems|2024-01-01"));
        assertThat(again).isEqualTo(new GraphWriter.Written(0, 0, 0));
        assertThat(snapshot(user)).containsExactlyElementsOf(before);

        // Close in meaning (0.80 to 0.92) but not as strings: only a suggestion.
        write(user, "job-4", List.of("organization:Initech"), List.of());
        write(user, "job-5", List.of("organization:Initrode"), List.of());
        assertThat(id(user, "Initrode")).isNotNull().isNotEqualTo(id(user, "Initech"));
        Response candidates = Api.as(user).get("/api/v1/graph/merge-candidates");
        assertThat(candidates.statusCode()).as(candidates.asString()).isEqualTo(200);
        String pair = "candidates.findAll { [it.a.name, it.b.name].containsAll(['Initech', 'Initrode']) }";
        assertThat(candidates.jsonPath().getList(pair)).hasSize(1);
        assertThat(candidates.jsonPath().getFloat(pair + "[0].score")).isBetween(0.80f, 0.92f);
    }
}
