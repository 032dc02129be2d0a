package dev.engram.memory;

import static dev.engram.testing.Api.MEETING_NOTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.platform.persistence.ReactiveBridge;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ReembedTest {

    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;

    @Test
    void vectorsFromAnOldModelAreRecomputedWhileSearchKeepsWorking() {
        String alice = Users.fresh("alice");
        Api.extract(alice, Map.of("text", MEETING_NOTES, "async", false, "auto_save", true)).then().statusCode(200);
        bridge.await(() -> pool.preparedQuery(
                "UPDATE memories SET embedding_model = 'an-older-model' WHERE user_id = $1").execute(Tuple.of(alice)));

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
    }
}
