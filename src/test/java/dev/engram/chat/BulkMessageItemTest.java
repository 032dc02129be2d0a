package dev.engram.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.Api;
import dev.engram.testing.Await;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A bulk extraction item {@code {type: message, id}} names one of the caller's stored chat messages. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class BulkMessageItemTest {

    private static final String ALICE_SAYS = "Decided to ship the mobile release on Friday. Sarah will prepare the "
            + "changelog by Thursday.";
    private static final String BOB_SAYS = "Decided to move the secret harbour project budget to Marseille.";

    @Test
    void aStoredMessageIsExtractedByIdAndAnotherUsersMessageIsRefusedWithoutItsData() {
        String alice = Users.fresh("alice");
        String mine = Chat.post(alice, Chat.open(alice), List.of(Chat.message("user", ALICE_SAYS)))
                .then().statusCode(201).extract().path("messages[0].id");
        String bob = Users.fresh("bob");
        String bobs = Chat.post(bob, Chat.open(bob), List.of(Chat.message("user", BOB_SAYS)))
                .then().statusCode(201).extract().path("messages[0].id");

        JsonPath accepted = bulk(alice, List.of(Map.of("type", "message", "id", mine)))
                .then().statusCode(202).extract().jsonPath();
        JsonPath done = Await.until("the group to finish", Duration.ofSeconds(90),
                () -> Api.as(alice).get("/api/v1/memories/extract/bulk/{id}", accepted.getString("group_id"))
                        .jsonPath(),
                p -> !"processing".equals(p.getString("status")));
        assertThat(done.getString("status")).isEqualTo("completed");
        String extraction = Api.as(alice).get("/api/v1/memories/extract/{id}", done.getString("items[0].extraction_id"))
                .then().statusCode(200).extract().asString();
        assertThat(extraction).as("memories extracted from the stored message").contains("mobile release");

        int jobsBefore = Api.as(alice).get("/api/v1/jobs").jsonPath().getList("jobs").size();
        for (String other : List.of(bobs, UUID.randomUUID().toString(), "slack-123")) {
            Response refused = bulk(alice, List.of(Map.of("type", "text", "text", "fine"),
                    Map.of("type", "message", "id", other)));
            refused.then().statusCode(400);
            assertThat(refused.jsonPath().getList("errors", String.class)).as(other).singleElement()
                    .asString().startsWith("items[1].id");
            assertThat(refused.asString()).doesNotContain("harbour");
        }
        assertThat(Api.as(alice).get("/api/v1/jobs").jsonPath().getList("jobs")).hasSize(jobsBefore);
    }

    private static Response bulk(String user, List<Map<String, String>> items) {
        return Api.as(user).contentType(ContentType.JSON).body(Map.of("items", items))
                .post("/api/v1/memories/extract/bulk");
    }
}
