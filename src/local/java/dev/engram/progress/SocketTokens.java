package dev.engram.progress;

import io.quarkus.websockets.next.HandshakeRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a WebSocket handshake carries its token. Browsers cannot set an Authorization header on a WebSocket, so they
 * send it as the {@code access_token} query parameter or as the second of the subprotocols {@code bearer, <token>}
 * (the server answers with the subprotocol {@code bearer}).
 */
final class SocketTokens {

    static final String SUBPROTOCOL = "bearer";

    private SocketTokens() {
    }

    static Optional<String> of(HandshakeRequest request) {
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        String protocols = request.header(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL);
        if (protocols != null) {
            String[] offered = protocols.split(",");
            for (int i = 0; i + 1 < offered.length; i++) {
                if (offered[i].trim().equalsIgnoreCase(SUBPROTOCOL)) {
                    return Optional.of(offered[i + 1].trim());
                }
            }
        }
        String query = request.query();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("access_token=")) {
                    return Optional.of(URLDecoder.decode(pair.substring("access_token=".length()),
                            StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }
}
