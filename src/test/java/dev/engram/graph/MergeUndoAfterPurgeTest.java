package dev.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.EntityCandidate;
import dev.engram.extract.EntityType;
import dev.engram.extract.GraphCandidates;
import dev.engram.extract.RelationCandidate;
import dev.engram.extract.RelationType;
import dev.engram.graph.GraphWriter.Provenance;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A merge's undo after a purge took part of what the merge moved: it gives back what is left, and answers 409 when a
 * purge left nothing to give back (the loser itself gone, no orphan kept for it).
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class MergeUndoAfterPurgeTest {

    @Inject
    GraphWriter writer;
    @Inject
    GraphPurge purge;

    /** Job {@code job} says that {@code person} works at organisation {@code org} (since 2021). */
    private void worksAt(String user, String job, String person, String org) {
        String text = person + " works at " + org + ".";
        int orgAt = text.indexOf(org);
        writer.apply(user, new GraphCandidates(List.of(
                new EntityCandidate(EntityType.PERSON, person, Map.of(), 0, person.length()),
                new EntityCandidate(EntityType.ORGANIZATION, org, Map.of(), orgAt, orgAt + org.length())),
                List.of(new RelationCandidate(person, EntityType.PERSON, RelationType.WORKS_AT, org,
                        EntityType.ORGANIZATION, text, LocalDate.of(2021, 1, 1), null, false, 0.9, Map.of(), 0,
                        text.length()))), new Provenance(job, 0, text, List.of(), true));
    }

    private static String id(String user, String name) {
        return Api.as(user).queryParam("q", name).get("/api/v1/graph/entities").jsonPath()
                .getString("entities.find { it.name == '" + name + "' }.id");
    }

    private static Response merge(String user, String loser, String into) {
        Response r = Api.as(user).contentType("application/json").body(Map.of("into", into))
                .post("/api/v1/graph/entities/{id}/merge", loser);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r;
    }

    @Test
    void undoAfterAPurgeGivesBackWhatIsLeft() {
        String user = Users.fresh("alice");
        worksAt(user, "job-1", "Frank Ocean", "Initech");
        worksAt(user, "job-2", "Gina Park", "Initech");
        worksAt(user, "job-3", "Dana Lee", "Acme Robotics");
        String initech = id(user, "Initech");
        String mergeId = merge(user, initech, id(user, "Acme Robotics")).jsonPath().getString("id");

        purge.purgeJob(user, "job-1");
        // A purge of another job leaves the merged entity alone while the survivor holds some of what it gave.
        purge.purgeJob(user, "job-unrelated");

        Response undone = Api.as(user).post("/api/v1/graph/merges/{id}/undo", mergeId);
        assertThat(undone.statusCode()).as(undone.asString()).isEqualTo(200);
        assertThat(undone.jsonPath().getString("merged.status")).isEqualTo("active");
        Response back = Api.as(user).get("/api/v1/graph/entities/{id}", initech);
        assertThat(back.statusCode()).as(back.asString()).isEqualTo(200);
        Response about = Api.as(user).queryParam("name", "Initech").get("/api/v1/graph/about");
        assertThat(about.jsonPath().getString("entity.id")).isEqualTo(initech);
        assertThat(about.jsonPath().getList("facts.other.name")).containsExactly("Gina Park");
        assertThat(about.jsonPath().getList("mentions.job_id")).containsExactly("job-2");
        assertThat(Api.as(user).queryParam("name", "Acme Robotics").get("/api/v1/graph/about").jsonPath()
                .getList("facts.other.name")).containsExactly("Dana Lee");
    }

    @Test
    void undoAfterAPurgeOfAllItMovedAnswersConflictAndLeavesNoOrphan() {
        String user = Users.fresh("alice");
        worksAt(user, "job-1", "Frank Ocean", "Initech");
        worksAt(user, "job-3", "Dana Lee", "Acme Robotics");
        String initech = id(user, "Initech");
        String mergeId = merge(user, initech, id(user, "Acme Robotics")).jsonPath().getString("id");

        purge.purgeJob(user, "job-1");

        assertThat(Api.as(user).get("/api/v1/graph/entities/{id}", initech).statusCode()).isEqualTo(404);
        Response undo = Api.as(user).post("/api/v1/graph/merges/{id}/undo", mergeId);
        assertThat(undo.statusCode()).as(undo.asString()).isEqualTo(409);
        assertThat(undo.contentType()).startsWith("application/problem+json");
        assertThat(undo.asString()).contains("nothing is left to restore");
        // Another user's merge is no merge of this one's.
        assertThat(Api.as(Users.fresh("bob")).post("/api/v1/graph/merges/{id}/undo", mergeId).statusCode())
                .isEqualTo(404);
    }
}
