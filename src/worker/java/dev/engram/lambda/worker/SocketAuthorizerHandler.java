package dev.engram.lambda.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.engram.platform.logging.LogContext;
import dev.engram.progress.SocketTokenVerifier;
import dev.engram.progress.SocketTokens;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code $connect} authorizer of the progress WebSocket API (a Lambda REQUEST authorizer): it verifies the token
 * of the handshake, from the {@code access_token} query parameter or the subprotocols {@code bearer, <token>}, as the
 * HTTP API's JWT authorizer would, and answers an IAM policy allowing the connection (its context carries the user and
 * the token's expiry to the {@code $connect} route) or denying it (API Gateway answers the handshake 403). Events are
 * read as plain maps and the policy written as one: AWS's field names, whatever the application's JSON naming.
 */
@Named("socket-authorize")
public class SocketAuthorizerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final SocketTokenVerifier tokens;

    SocketAuthorizerHandler(SocketTokenVerifier tokens) {
        this.tokens = tokens;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            LogContext.put(LogContext.REQUEST_ID, context == null ? null : context.getAwsRequestId());
            String resource = String.valueOf(event.get("methodArn"));
            Map<String, Object> headers = SocketEvents.map(event.get("headers"));
            Map<String, Object> query = SocketEvents.map(event.get("queryStringParameters"));
            Optional<SocketTokenVerifier.Verified> verified = SocketTokens.of(
                    name -> SocketEvents.header(headers, name), name -> SocketEvents.text(query.get(name)))
                    .flatMap(tokens::verify);
            if (verified.isEmpty()) {
                return policy("anonymous", "Deny", resource, null);
            }
            return policy(verified.get().userId(), "Allow", resource, Map.of(
                    SocketEvents.USER, verified.get().userId(),
                    SocketEvents.EXPIRES_AT, Long.toString(verified.get().expiresAt().getEpochSecond())));
        } finally {
            LogContext.clear();
        }
    }

    private static Map<String, Object> policy(String principal, String effect, String resource,
            Map<String, Object> authorizerContext) {
        Map<String, Object> statement = Map.of("Action", "execute-api:Invoke", "Effect", effect, "Resource", resource);
        Map<String, Object> document = Map.of("Version", "2012-10-17", "Statement", List.of(statement));
        return authorizerContext == null ? Map.of("principalId", principal, "policyDocument", document)
                : Map.of("principalId", principal, "policyDocument", document, "context", authorizerContext);
    }
}
