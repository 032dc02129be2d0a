package dev.engram.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import dev.engram.extract.rules.RulesExtractor;
import dev.engram.graph.GraphWriter.Provenance;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The graph API over what the writer stored: about a name at a date, entity search, refusals, tenancy. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class GraphApiTest {

    @Inject
    GraphWriter writer;
    @Inject
    RulesExtractor extractor;

    private void ingest(String user, String job, String text) {
        ExtractionContext context = new ExtractionContext(EnumSet.allOf(MemoryType.class), null, ZoneOffset.UTC);
        List<MemoryCandidate> memories = extractor.extract(text, context);
        List<UUID> ids = new ArrayList<>();
        memories.forEach(m -> ids.add(UUID.randomUUID()));
        writer.apply(user, extractor.graph(text, context, memories), new Provenance(job, 0, text, ids, true));
    }

    private String aliceWithHistory() {
        String alice = Users.fresh("alice");
        ingest(alice, "job-1", Api.MEETING_NOTES + "\nAlice Chen is the product lead at Acme Corp.");
        ingest(alice, "job-2", "As of March 1, 2024 Alice Chen works at Globex.");
        return alice;
    }

    @Test
    void aboutANameShowsWhatHoldsAtTheDateAndTheRestAsHistory() {
        String alice = aliceWithHistory();
        Response now = Api.as(alice).queryParam("name", "Alice Chen").get("/api/v1/graph/about");
        assertThat(now.statusCode()).as(now.asString()).isEqualTo(200);
        assertThat(now.jsonPath().getList("facts.findAll { it.type == 'works_at' }.other.name"))
                .containsExactly("Globex");
        assertThat(now.jsonPath().getList("history.other.name")).contains("Acme Corp");
        assertThat(now.jsonPath().getString("history.find { it.type == 'works_at' }.valid_to"))
                .isEqualTo("2024-03-01");
        assertThat(now.jsonPath().getList("facts[0].evidence.job_id")).containsExactly("job-2");

        Response before = Api.as(alice).queryParam("name", "Alice Chen").queryParam("as_of", "2024-02-01").get("/api/v1/graph/about");
        assertThat(before.jsonPath().getList("facts.findAll { it.type == 'works_at' }.other.name"))
                .containsExactly("Acme Corp");
    }

    @Test
    void aboutAFirstNameFindsTheDecisionThePersonLeads() {
        String alice = aliceWithHistory();
        Response john = Api.as(alice).get("/api/v1/graph/about?name=John");
        assertThat(john.statusCode()).as(john.asString()).isEqualTo(200);
        assertThat(john.jsonPath().getString("facts.find { it.type == 'leads' }.other.type")).isEqualTo("decision");
        assertThat(john.jsonPath().getList("memories")).hasSize(1);
    }

    @Test
    void entitiesAreSearchedByNameAndAliasAPageAtATime() {
        String alice = aliceWithHistory();
        Response orgs = Api.as(alice).get("/api/v1/graph/entities?type=organization");
        assertThat(orgs.jsonPath().getList("entities.name")).containsExactly("Acme Corp", "Globex");
        Response first = Api.as(alice).get("/api/v1/graph/entities?type=organization&limit=1");
        assertThat(first.jsonPath().getList("entities.name")).containsExactly("Acme Corp");
        Response second = Api.as(alice).get("/api/v1/graph/entities?type=organization&limit=1&cursor="
                + first.path("next_cursor"));
        assertThat(second.jsonPath().getList("entities.name")).containsExactly("Globex");
        assertThat(Api.as(alice).get("/api/v1/graph/entities?q=glob").jsonPath().getList("entities.name"))
                .containsExactly("Globex");
    }

    @Test
    void badParametersAreNamedAndAnotherUsersGraphIsNotFound() {
        String alice = aliceWithHistory();
        Response type = Api.as(alice).get("/api/v1/graph/entities?type=planet");
        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(type.contentType()).startsWith("application/problem+json");
        assertThat(type.asString()).contains("type: must be one of person, organization");
        assertThat(Api.as(alice).get("/api/v1/graph/about?name=Alice&as_of=yesterday").asString())
                .contains("as_of: must be a date");

        String bob = Users.fresh("bob");
        assertThat(Api.as(bob).get("/api/v1/graph/about?name=John").statusCode()).isEqualTo(404);
        String acme = Api.as(alice).get("/api/v1/graph/entities?q=acme").jsonPath().getString("entities[0].id");
        assertThat(Api.as(alice).get("/api/v1/graph/entities/{id}", acme).statusCode()).isEqualTo(200);
        assertThat(Api.as(bob).get("/api/v1/graph/entities/{id}", acme).statusCode()).isEqualTo(404);
        assertThat(Api.as(bob).get("/api/v1/graph/entities").jsonPath().getList("entities")).isEmpty();
    }
}
