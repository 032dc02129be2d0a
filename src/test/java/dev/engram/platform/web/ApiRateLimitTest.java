package dev.engram.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.Api;
import dev.engram.testing.TestTokens;
import dev.engram.testing.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestTokens.class)
@TestProfile(ApiRateLimitTest.TightLimit.class)
class ApiRateLimitTest {

    /** A limit small enough to reach in a handful of requests, however slow the machine. */
    public static class TightLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("engram.api.rate-limit.per-second", "0.2", "engram.api.rate-limit.burst", "5");
        }
    }

    @Test
    void aFloodFromOneUserGets429WithRetryAfterWhileOthersAreServed() {
        String flooder = Users.fresh("flood");
        Response limited = null;
        for (int i = 0; i < 20 && limited == null; i++) {
            Response r = Api.as(flooder).get("/api/v1/jobs");
            if (r.statusCode() == 429) {
                limited = r;
            }
        }
        assertThat(limited).as("no 429 after 20 requests").isNotNull();
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(Api.as(Users.fresh("calm")).get("/api/v1/jobs").statusCode()).isEqualTo(200);
    }
}
