package dev.engram.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestTokens.class)
class ApiRateLimitTest {

    @Test
    void aFloodFromOneUserGets429WithRetryAfterWhileOthersAreServed() {
        String flooder = Users.fresh("flood");
        Response limited = null;
        for (int i = 0; i < 2_000 && limited == null; i++) {
            Response r = Api.as(flooder).get("/api/v1/jobs");
            if (r.statusCode() == 429) {
                limited = r;
            }
        }
        assertThat(limited).as("no 429 after 2,000 requests").isNotNull();
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(Api.as(Users.fresh("calm")).get("/api/v1/jobs").statusCode()).isEqualTo(200);
    }
}
