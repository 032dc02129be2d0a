package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.embed.ActiveEmbedder;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.TestVectors;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The two halves of hybrid search, each on its own, and their fusion: over a handful of memories with made-up
 * vectors, and over one user's realistic notes embedded by the model.
 */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class SearchRankingTest {

    private static final String QUERY = "quarterly budget review";

    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;
    @Inject
    ActiveEmbedder embedder;

    @Test
    void wordsAloneFindAMemoryThatHasNoVectorYet() {
        String alice = Users.fresh("alice");
        UUID pending = insert(alice, "Budget spreadsheet cleanup before the audit", null);
        insert(alice, "Parking garage access cards", TestVectors.unit(new Random(1)));

        JsonPath found = search(alice, "budget audit");
        int at = found.getList("results.memory.id").indexOf(pending.toString());
        assertThat(at).as("found by its words").isNotNegative();
        assertThat(found.getMap("results[" + at + "]")).doesNotContainKey("vector_score");
        assertThat(found.getDouble("results[" + at + "].text_score")).isPositive();
        assertThat(search(alice, "zebra xylophone").getList("results.memory.id"))
                .doesNotContain(pending.toString());
    }

    @Test
    void meaningAndWordsTogetherRankFirstThenEachAloneThenTheRest() {
        String alice = Users.fresh("alice");
        Random random = new Random(11);
        UUID both = insert(alice, "Quarterly budget review with finance", embed(QUERY));
        UUID meaning = insert(alice, "Lunch menu for the offsite", embed("quarterly budget review meeting"));
        UUID words = insert(alice, "Budget spreadsheet cleanup", null);
        List<UUID> neither = List.of(insert(alice, "Parking garage access cards", TestVectors.unit(random)),
                insert(alice, "New coffee machine on floor two", TestVectors.unit(random)),
                insert(alice, "Holiday rota for December", TestVectors.unit(random)));
        String bob = Users.fresh("bob");
        insert(bob, "Quarterly budget review with finance", embed(QUERY));

        JsonPath found = search(alice, QUERY);
        List<String> order = found.getList("results.memory.id");
        assertThat(order).hasSize(6).startsWith(both.toString(), meaning.toString(), words.toString())
                .containsAll(neither.stream().map(UUID::toString).toList());
        assertThat(found.getDouble("results[0].score")).isGreaterThan(found.getDouble("results[1].score"));
        assertThat(found.getMap("results[1]")).doesNotContainKey("text_score");
        assertThat(found.getMap("results[2]")).doesNotContainKey("vector_score");
        assertThat(found.getList("results.score", Float.class)).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    }

    /** One user's notes of a few weeks, each embedded by the model as the save path embeds them. */
    private static final List<String> NOTES = List.of(
            "The billing API migration is blocked until RFC-41 is approved by the platform team",
            "RFC-12 on the logging format was approved by the architecture group",
            "RFC-7 about public API versioning was rejected last week",
            "Reorder part KX-2231 before the supplier closes for the spring festival",
            "Part KX-2213 failed the drop test twice",
            "The warehouse counted forty units of KX-3122 short",
            "Dave will renew the office lease with the landlord before March",
            "Team offsite in Lisbon is booked for the second week of May",
            "Customer churn rose after the price increase on the enterprise plan",
            "Priya is allergic to peanuts, so order from the Thai place without them",
            "Deploy freeze starts on December 20 and ends after New Year",
            "Hiring plan: two backend engineers and one designer in Q3",
            "The staging database runs out of disk every Friday night",
            "Quarterly revenue grew 12% thanks to the European expansion");

    @Test
    void overOneUsersNotesIdentifiersComeFirstByTheirWordsAndParaphrasesByTheirMeaning() {
        String carol = Users.fresh("carol");
        Map<String, UUID> note = new java.util.HashMap<>();
        for (String text : NOTES) {
            note.put(text, insert(carol, text, embed(text)));
        }
        java.util.function.Function<String, String> id = start -> note.entrySet().stream()
                .filter(e -> e.getKey().startsWith(start)).map(e -> e.getValue().toString())
                .reduce((a, b) -> {
                    throw new IllegalArgumentException("two notes start with " + start);
                }).orElseThrow();
        // Another user with some of the same notes: never part of carol's results.
        String dan = Users.fresh("dan");
        List<String> dans = List.of(insert(dan, NOTES.get(0), embed(NOTES.get(0))).toString(),
                insert(dan, NOTES.get(3), embed(NOTES.get(3))).toString(),
                insert(dan, NOTES.get(6), embed(NOTES.get(6))).toString());

        // (a) and (c): an identifier is found by its exact words. The memory holding it ranks first with the best
        // text score; those sharing only the identifier's prefix follow with a lower one; the rest match no word.
        for (List<String> identifier : List.of(
                List.of("RFC-41", "The billing API", "RFC-12 on the", "RFC-7 about public"),
                List.of("KX-2231", "Reorder part KX-2231", "Part KX-2213 failed", "The warehouse counted"))) {
            JsonPath found = search(carol, identifier.get(0));
            List<String> order = found.getList("results.memory.id");
            assertThat(order).as(identifier.get(0)).hasSize(NOTES.size()).doesNotContainAnyElementsOf(dans)
                    .startsWith(identifier.subList(1, 4).stream().map(id).toArray(String[]::new));
            for (int i = 0; i < 3; i++) {
                assertThat(found.getMap("results[" + i + "]")).as(identifier.get(0) + ": result " + i)
                        .containsKeys("text_score", "vector_score");
            }
            assertThat(found.getDouble("results[0].text_score")).as(identifier.get(0) + ": the exact identifier")
                    .isGreaterThan(found.getDouble("results[1].text_score"));
            assertThat(found.getDouble("results[1].text_score")).isPositive();
            assertThat(found.getDouble("results[2].text_score")).isPositive();
            for (int i = 3; i < order.size(); i++) {
                assertThat(found.getMap("results[" + i + "]")).as(identifier.get(0) + ": result " + i)
                        .doesNotContainKey("text_score").containsKey("vector_score");
            }
            assertThat(found.getDouble("results[0].score")).as("found by both halves")
                    .isGreaterThan(1.0 / (SearchService.RRF_K + 1));
        }

        // (b): a paraphrase sharing no word with its memory is found first by meaning alone.
        Map<String, String> paraphrases = Map.of(
                "extending the workplace rental agreement", "Dave will renew",
                "nut allergy", "Priya is allergic",
                "no releases during the holiday season", "Deploy freeze starts",
                "company retreat in Portugal", "Team offsite in");
        paraphrases.forEach((query, key) -> {
            JsonPath found = search(carol, query);
            assertThat(found.getList("results.memory.id", String.class)).as(query)
                    .doesNotContainAnyElementsOf(dans).first().isEqualTo(id.apply(key));
            assertThat(found.getMap("results[0]")).as(query + ": no shared word").doesNotContainKey("text_score");
            assertThat(found.getDouble("results[0].vector_score")).as(query)
                    .isGreaterThan(found.getDouble("results[1].vector_score"));
        });
    }

    private JsonPath search(String user, String query) {
        return Api.as(user).contentType(ContentType.JSON).body(Map.of("query", query, "k", 20))
                .post("/api/v1/memories/search").then().statusCode(200).extract().jsonPath();
    }

    private float[] embed(String text) {
        return embedder.get().embedAll(List.of(text)).get(0);
    }

    /** A saved memory as the confirm path leaves it, with the given vector (null: not embedded yet). */
    private UUID insert(String user, String content, float[] vector) {
        UUID id = UUID.randomUUID();
        bridge.await(() -> pool.preparedQuery("""
                INSERT INTO memories (id, user_id, content, memory_type, source, embedding, embedding_status,
                    embedding_model)
                VALUES ($1, $2, $3, 'insight', 'manual', $4::text::vector,
                    CASE WHEN $4 IS NULL THEN 'pending' ELSE 'ready' END,
                    CASE WHEN $4 IS NULL THEN NULL ELSE 'bge-small-en-v1.5-q' END)""")
                .execute(Tuple.of(id, user, content, vector == null ? null : PgVectors.literal(vector))));
        return id;
    }
}
