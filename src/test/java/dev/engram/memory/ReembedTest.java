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
        // Vectors of another model: labelled as such, and pointing anywhere but at their text.
        Random random = new Random(7);
        for (UUID id : ids(alice)) {
            bridge.await(() -> pool.preparedQuery("UPDATE memories SET embedding_model = 'an-older-model',"
                    + " embedding = $2::text::vector WHERE id = $1")
                    .execute(Tuple.of(id, PgVectors.literal(TestVectors.unit(random)))));
        }
        assertThat(similarityToTheirText(alice)).allMatch(cosine -> cosine < 0.5);

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
        assertThat(similarityToTheirText(alice)).isNotEmpty().allMatch(cosine -> cosine > 0.99);
    }

    private List<UUID> ids(String user) {
        List<UUID> ids = new java.util.ArrayList<>();
        bridge.await(() -> pool.preparedQuery("SELECT id FROM memories WHERE user_id = $1").execute(Tuple.of(user)))
                .forEach(r -> ids.add(r.getUUID("id")));
        return ids;
    }

    /** For each of the user's memories, the cosine between its stored vector and a fresh embedding of its text. */
    private List<Double> similarityToTheirText(String user) {
        List<Double> out = new java.util.ArrayList<>();
        bridge.await(() -> pool.preparedQuery("SELECT id, content FROM memories WHERE user_id = $1")
                .execute(Tuple.of(user))).forEach(r -> {
                    float[] fresh = embedder.get().embedAll(List.of(r.getString("content"))).get(0);
                    bridge.await(() -> pool.preparedQuery(
                            "SELECT 1 - (embedding <=> $2::text::vector) AS cosine FROM memories WHERE id = $1")
                            .execute(Tuple.of(r.getUUID("id"), PgVectors.literal(fresh))))
                            .forEach(c -> out.add(c.getDouble("cosine")));
                });
        return out;
    }
}
