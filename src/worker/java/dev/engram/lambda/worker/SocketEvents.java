package dev.engram.lambda.worker;

import java.util.Map;

/**
 * Reading API Gateway WebSocket events, taken as plain maps: headers by name whatever their case, nested objects,
 * and the names of what the authorizer hands to the routes in its context.
 */
final class SocketEvents {

    /** The authorizer context's user (the token's sub). */
    static final String USER = "user";
    /** The authorizer context's token expiry, epoch seconds. */
    static final String EXPIRES_AT = "expires_at";

    private SocketEvents() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A header by name, case-insensitively (API Gateway keeps the client's case). */
    static String header(Map<String, Object> headers, String name) {
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return text(entry.getValue());
            }
        }
        return null;
    }
}
