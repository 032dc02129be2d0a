package dev.engram.lambda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.lambda.testing.LambdaEvents;
import dev.engram.lambda.testing.MockLambda;
import dev.engram.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The progress WebSocket API's {@code $connect} authorizer, driven by {@code infra/events/socket-authorize.json}. */
@QuarkusTest
@TestProfile(WorkerFunction.SocketAuthorize.class)
class SocketAuthorizerHandlerTest {

    private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:w1x2y3z4a5/live/$connect";

    @Test
    void aValidTokenInTheQueryStringIsAllowedWithItsUserAndExpiryInTheContext() {
        String user = "ada-" + UUID.randomUUID();
        JsonNode policy = authorize(withQueryToken(TestTokens.expiringIn(user, Duration.ofMinutes(30))));

        assertThat(policy.path("principalId").asText()).isEqualTo(user);
        assertThat(statement(policy).path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement(policy).path("Action").asText()).isEqualTo("execute-api:Invoke");
        assertThat(statement(policy).path("Resource").asText()).isEqualTo(METHOD_ARN);
        assertThat(policy.path("context").path("user").asText()).isEqualTo(user);
        long expiresAt = policy.path("context").path("expires_at").asLong();
        assertThat(Instant.ofEpochSecond(expiresAt)).isBetween(Instant.now().plus(Duration.ofMinutes(29)),
                Instant.now().plus(Duration.ofMinutes(31)));
    }

    @Test
    void aValidTokenAsTheBearerSubprotocolIsAllowed() {
        String user = "ada-" + UUID.randomUUID();
        ObjectNode event = LambdaEvents.load("socket-authorize.json");
        event.remove("queryStringParameters");
        event.remove("multiValueQueryStringParameters");
        ((ObjectNode) event.path("headers")).put("Sec-WebSocket-Protocol", "bearer, " + TestTokens.forUser(user));

        JsonNode policy = authorize(event);

        assertThat(statement(policy).path("Effect").asText()).isEqualTo("Allow");
        assertThat(policy.path("context").path("user").asText()).isEqualTo(user);
    }

    @Test
    void anExpiredTokenIsDenied() {
        JsonNode policy = authorize(withQueryToken(TestTokens.expired("ada")));

        assertThat(statement(policy).path("Effect").asText()).isEqualTo("Deny");
        assertThat(policy.has("context")).isFalse();
    }

    @Test
    void aTokenSignedByAKeyTheIssuerDoesNotUseIsDenied() {
        assertThat(statement(authorize(withQueryToken(TestTokens.forged("ada")))).path("Effect").asText())
                .isEqualTo("Deny");
    }

    @Test
    void aMalformedTokenOrNoneIsDenied() {
        // The sample event's token is well-formed but unsigned garbage.
        assertThat(statement(authorize(LambdaEvents.load("socket-authorize.json"))).path("Effect").asText())
                .isEqualTo("Deny");
        ObjectNode none = LambdaEvents.load("socket-authorize.json");
        none.remove("queryStringParameters");
        assertThat(statement(authorize(none)).path("Effect").asText()).isEqualTo("Deny");
    }

    private static ObjectNode withQueryToken(String token) {
        ObjectNode event = LambdaEvents.load("socket-authorize.json");
        ((ObjectNode) event.path("queryStringParameters")).put("access_token", token);
        return event;
    }

    private static JsonNode authorize(ObjectNode event) {
        MockLambda.Invocation result = MockLambda.invoke(event);
        assertThat(result.status()).as(result.output()).isEqualTo(200);
        return result.json();
    }

    private static JsonNode statement(JsonNode policy) {
        return policy.path("policyDocument").path("Statement").path(0);
    }
}
