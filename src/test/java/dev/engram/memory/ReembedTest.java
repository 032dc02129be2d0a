package dev.engram.memory;

import static dev.engram.testing.Api.MEETING_NOTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.embed.ActiveEmbedder;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.testing.TestVectors;
import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ReembedTest {

    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;
    @Inject
    ActiveEmbedder embedder;

    @Test
    void vectorsFromAnOldModelAreRecomputedWhileSearchKeepsWorking() {
        String alice = Users.fresh("alice");
        Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false, "auto_save", true)).then().statusCode(200);
        // Vectors of another model: labelled as such, and pointing anywhere but at their text. The first keeps
        // the current model's label with a marker vector no model would give its text: re-embedding must leave
        // it as it is.
        Random random = new Random(7);
        List<UUID> ids = ids(alice);
        assertThat(ids).as("memories saved from the notes").hasSizeGreaterThanOrEqualTo(3);
        Map<UUID, float[]> current = new java.util.HashMap<>();
        for (UUID id : ids) {
            boolean onCurrentModel = current.isEmpty();
            float[] vector = TestVectors.unit(random);
            if (onCurrentModel) {
                current.put(id, vector);
            }
            bridge.await(() -> pool.preparedQuery("UPDATE memories SET embedding_model = $3,"
                    + " embedding = $2::text::vector, embedding_updated_at = now() - interval '1 day' WHERE id = $1")
                    .execute(Tuple.of(id, PgVectors.literal(vector),
                            onCurrentModel ? "bge-small-en-v1.5-q" : "an-older-model")));
        }
        assertThat(similarityToTheirText(alice).values()).allMatch(cosine -> cosine < 0.5);

        String admin = TestTokens.forUser(Users.fresh("ops"), "admin");
        RestAssured.given().auth().oauth2(TestTokens.forUser(alice)).post("/api/v1/admin/reembed")
                .then().statusCode(403);
        RestAssured.given().auth().oauth2(admin).post("/api/v1/admin/reembed").then().statusCode(202);
        Api.as(alice).contentType(ContentType.JSON).body(Map.of("query", "market research"))
                .post("/api/v1/memories/search").then().statusCode(200);

        Await.until("every vector to come from the current model", Duration.ofSeconds(60),
                () -> Api.as(alice).get("/api/v1/memories").jsonPath().getList("memories.embedding_model"),
                models -> models.stream().allMatch("bge-small-en-v1.5-q"::equals));
        var status = RestAssured.given().auth().oauth2(admin).get("/api/v1/admin/reembed").jsonPath();
        assertThat(status.getString("model")).isEqualTo("bge-small-en-v1.5-q");
        // Embedded in one padded batch, a text's vector differs from its own single embedding in the third decimal.
        Map<UUID, Double> similarity = similarityToTheirText(alice);
        assertThat(similarity).as("every memory of the user").containsOnlyKeys(ids);
        similarity.forEach((id, cosine) -> {
            if (current.containsKey(id)) {
                assertThat(cosine).as("a memory already on the current model, against its text").isLessThan(0.5);
            } else {
                assertThat(cosine).as("a re-embedded memory against a fresh embedding of its text")
                        .isGreaterThan(0.99);
            }
        });
        // Those already on the current model: the same vector and embedding time as before.
        for (Map.Entry<UUID, float[]> kept : current.entrySet()) {
            var row = bridge.await(() -> pool.preparedQuery("""
                    SELECT 1 - (embedding <=> $2::text::vector) AS cosine,
                           embedding_updated_at < now() - interval '1 hour' AS untouched
                    FROM memories WHERE id = $1""").execute(Tuple.of(kept.getKey(),
                    PgVectors.literal(kept.getValue())))).iterator().next();
            assertThat(row.getDouble("cosine")).as("the marker vector of %s", kept.getKey()).isGreaterThan(0.99999);
            assertThat(row.getBoolean("untouched")).as("embedding_updated_at of %s", kept.getKey()).isTrue();
        }
    }

    private List<UUID> ids(String user) {
        List<UUID> ids = new java.util.ArrayList<>();
        bridge.await(() -> pool.preparedQuery("SELECT id FROM memories WHERE user_id = $1").execute(Tuple.of(user)))
                .forEach(r -> ids.add(r.getUUID("id")));
        return ids;
    }

    /** For each of the user's memories, the cosine between its stored vector and a fresh embedding of its text. */
    private Map<UUID, Double> similarityToTheirText(String user) {
        Map<UUID, Double> out = new java.util.HashMap<>();
        bridge.await(() -> pool.preparedQuery("SELECT id, content FROM memories WHERE user_id = $1")
                .execute(Tuple.of(user))).forEach(r -> {
                    float[] fresh = embedder.get().embedAll(List.of(r.getString("content"))).get(0);
                    bridge.await(() -> pool.preparedQuery(
                            "SELECT 1 - (embedding <=> $2::text::vector) AS cosine FROM memories WHERE id = $1")
                            .execute(Tuple.of(r.getUUID("id"), PgVectors.literal(fresh))))
                            .forEach(c -> out.put(r.getUUID("id"), c.getDouble("cosine")));
                });
        return out;
    }
}
