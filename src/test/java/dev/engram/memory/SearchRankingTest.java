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

/** The two halves of hybrid search, each on its own, and their fusion over a handful of memories. */
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
