package dev.engram.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.embed.ActiveEmbedder;
import dev.engram.platform.persistence.PgVectors;
import dev.engram.platform.persistence.ReactiveBridge;
import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tiers: [short]} in search: the caller's own chat messages join the results, the fresher first. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ShortTierSearchTest {

    private static final String TEXT = "We moved the quarterly budget review with finance to Thursday afternoon";

    @Inject
    Pool pool;
    @Inject
    ReactiveBridge bridge;
    @Inject
    ActiveEmbedder embedder;

    @Test
    void aFreshMessageOutranksAnIdenticalMonthOldOneAndOnlyTheCallersMessagesAppear() {
        String alice = Users.fresh("alice");
        String conversation = Chat.open(alice);
        Map<String, Object> old = new HashMap<>(Chat.message("user", TEXT));
        old.put("created_at", OffsetDateTime.now(ZoneOffset.UTC).minusDays(30).toString());
        List<String> ids = Chat.post(alice, conversation, List.of(old, Chat.message("user", TEXT)))
                .then().statusCode(201).extract().path("messages.id");
        String bob = Users.fresh("bob");
        List<String> bobs = Chat.post(bob, Chat.open(bob), List.of(Chat.message("user", TEXT)))
                .then().statusCode(201).extract().path("messages.id");
        embed(alice, ids);
        embed(bob, bobs);

        JsonPath found = search(alice, Map.of("tiers", List.of("short")));
        List<Map<String, Object>> messages = found.getList("results.findAll { it.kind == 'message' }");
        assertThat(found.getList("results.findAll { it.kind == 'message' }.message.id", String.class))
                .containsExactly(ids.get(1), ids.get(0));
        assertThat(found.getMap("results.find { it.kind == 'message' }.message")).containsEntry("conversation_id", conversation)
                .containsEntry("seq", 2).containsEntry("role", "user").containsEntry("content", TEXT)
                .containsKey("created_at");
        double fresh = ((Number) messages.get(0).get("score")).doubleValue();
        double monthOld = ((Number) messages.get(1).get("score")).doubleValue();
        assertThat(monthOld).as("30 days weigh 0.5^(30/7)").isLessThan(fresh * 0.1);
        assertThat(found.getList("results.message.id")).doesNotContainAnyElementsOf(bobs);
        assertThat(search(bob, Map.of("tiers", List.of("short"))).getList("results.message.id"))
                .containsExactlyElementsOf(bobs);
    }

    @Test
    void withoutTheShortTierNoMessageAppears() {
        String alice = Users.fresh("alice");
        List<String> ids = Chat.post(alice, Chat.open(alice), List.of(Chat.message("user", TEXT)))
                .then().statusCode(201).extract().path("messages.id");
        embed(alice, ids);

        assertThat(search(alice, Map.of("tiers", List.of("short"))).getList("results.message.id"))
                .containsExactlyElementsOf(ids);
        for (Map<String, Object> extra : List.<Map<String, Object>>of(Map.of(),
                Map.of("tiers", List.of("medium", "long")))) {
            JsonPath found = search(alice, extra);
            assertThat(found.getList("results.message")).as("%s", extra).isEmpty();
            assertThat(found.getList("results.kind")).as("%s", extra).isEmpty();
        }
        Api.as(alice).contentType(ContentType.JSON).body(Map.of("query", "budget", "tiers", List.of("recent")))
                .post("/api/v1/memories/search").then().statusCode(400);
    }

    private JsonPath search(String user, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("query", "quarterly budget review");
        body.put("k", 20);
        return Api.as(user).contentType(ContentType.JSON).body(body).post("/api/v1/memories/search")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Embeds the messages as the chat stage does for the user messages it keeps. */
    private void embed(String user, List<String> ids) {
        String vector = PgVectors.literal(embedder.get().embedAll(List.of(TEXT)).get(0));
        for (String id : ids) {
            bridge.await(() -> pool.preparedQuery("UPDATE chat_messages SET embedding = $3::text::vector "
                    + "WHERE id = $1::uuid AND user_id = $2").execute(Tuple.of(id, user, vector)));
        }
    }
}
