package dev.engram.progress;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a WebSocket handshake carries its token, on Engram's own server and at the API Gateway WebSocket API alike.
 * Browsers cannot set an Authorization header on a WebSocket, so they send it as the {@code access_token} query
 * parameter or as the second of the subprotocols {@code bearer, <token>} (the server answers with the subprotocol
 * {@code bearer}).
 */
public final class SocketTokens {

    /** The subprotocol that announces a token as the next one, and the one the server accepts. */
    public static final String SUBPROTOCOL = "bearer";
    /** The handshake header listing the subprotocols a client offers. */
    public static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    /** The query parameter a token may travel in. */
    public static final String QUERY_PARAMETER = "access_token";

    private SocketTokens() {
    }

    /**
     * The token of a handshake.
     *
     * @param header     a request header by name (case-insensitive), or null
     * @param queryValue a decoded query parameter by name, or null
     */
    public static Optional<String> of(UnaryOperator<String> header, UnaryOperator<String> queryValue) {
        String authorization = header.apply("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        String protocols = header.apply(PROTOCOL_HEADER);
        if (protocols != null) {
            String[] offered = protocols.split(",");
            for (int i = 0; i + 1 < offered.length; i++) {
                if (offered[i].trim().equalsIgnoreCase(SUBPROTOCOL)) {
                    return Optional.of(offered[i + 1].trim());
                }
            }
        }
        return Optional.ofNullable(queryValue.apply(QUERY_PARAMETER)).filter(t -> !t.isBlank());
    }

    /** Whether a handshake offered the {@code bearer} subprotocol, which the answer must then name. */
    public static boolean offersSubprotocol(String protocols) {
        if (protocols == null) {
            return false;
        }
        for (String offered : protocols.split(",")) {
            if (offered.trim().equalsIgnoreCase(SUBPROTOCOL)) {
                return true;
            }
        }
        return false;
    }

    /** A parameter of a raw query string, decoded; null when absent. */
    public static String queryValue(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
