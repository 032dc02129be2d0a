package dev.engram.lambda.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.platform.logging.LogContext;
import dev.engram.progress.ProgressSubscriptions;
import dev.engram.progress.SocketTokens;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * The routes of the progress WebSocket API (Lambda proxy integration): {@code $connect} records the connection of the
 * user the authorizer let in, refusing one beyond the user's limit with 429 (and accepts the {@code bearer} subprotocol when offered, which browsers require),
 * {@code subscribe} ({@code {"action":"subscribe","task_id":"…"}}) answers the task's progress or an error through the
 * route response, {@code $disconnect} forgets the connection, and any other action answers a {@code bad_request}.
 */
@Named("progress-socket")
public class ProgressSocketHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final String SUBSCRIBE = "subscribe";

    private final ProgressSubscriptions subscriptions;
    private final ObjectMapper json;

    ProgressSocketHandler(ProgressSubscriptions subscriptions, ObjectMapper json) {
        this.subscriptions = subscriptions;
        this.json = json;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            LogContext.put(LogContext.REQUEST_ID, context == null ? null : context.getAwsRequestId());
            Map<String, Object> request = SocketEvents.map(event.get("requestContext"));
            String connectionId = SocketEvents.text(request.get("connectionId"));
            String route = SocketEvents.text(request.get("routeKey"));
            return switch (route == null ? "" : route) {
                case "$connect" -> connect(connectionId, request, SocketEvents.map(event.get("headers")));
                case "$disconnect" -> {
                    subscriptions.disconnected(connectionId);
                    yield Map.of("statusCode", 200);
                }
                case SUBSCRIBE -> answer(subscriptions.subscribe(connectionId,
                        body(event).path("task_id").asText(null)));
                default -> answer(subscriptions.unknownAction(body(event).path("action").asText("")));
            };
        } finally {
            LogContext.clear();
        }
    }

    private Map<String, Object> connect(String connectionId, Map<String, Object> request, Map<String, Object> headers) {
        Map<String, Object> authorizer = SocketEvents.map(request.get("authorizer"));
        String user = SocketEvents.text(authorizer.get(SocketEvents.USER));
        String expiresAt = SocketEvents.text(authorizer.get(SocketEvents.EXPIRES_AT));
        if (user == null || expiresAt == null) {
            // Only the authorizer lets a connection in; without its context the route is misconfigured.
            return Map.of("statusCode", 401);
        }
        if (!subscriptions.connected(connectionId, user, Instant.ofEpochSecond(Long.parseLong(expiresAt)))) {
            return Map.of("statusCode", 429); // the local socket's 4429: too many sockets of one user
        }
        if (SocketTokens.offersSubprotocol(SocketEvents.header(headers, SocketTokens.PROTOCOL_HEADER))) {
            return Map.of("statusCode", 200, "headers", Map.of(SocketTokens.PROTOCOL_HEADER, SocketTokens.SUBPROTOCOL));
        }
        return Map.of("statusCode", 200);
    }

    private JsonNode body(Map<String, Object> event) {
        String body = SocketEvents.text(event.get("body"));
        try {
            return body == null ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static Map<String, Object> answer(String body) {
        return Map.of("statusCode", 200, "body", body);
    }
}
