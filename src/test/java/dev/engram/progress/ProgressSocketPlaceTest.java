package dev.engram.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Where the review page follows progress live: on this server, with no WebSocket API configured. */
@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ProgressSocketPlaceTest {

    @Test
    void withoutAWebSocketApiClientsUseThisServersOwnSocket() {
        Api.as(Users.fresh("live")).get("/api/v1/progress/socket").then().statusCode(200)
                .body("protocol", equalTo("path")).body("url", nullValue());
    }

    @Test
    void askingWithoutATokenIsUnauthorized() {
        given().get("/api/v1/progress/socket").then().statusCode(401);
    }
}
