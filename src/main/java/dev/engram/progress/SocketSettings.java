package dev.engram.progress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The progress WebSocket on AWS: the API Gateway WebSocket API's URL, its connections table and the tokens its
 * {@code $connect} authorizer accepts (the HTTP API's JWT authorizer's issuer and audiences).
 */
@ConfigMapping(prefix = "engram.progress.aws-socket")
public interface SocketSettings {

    /**
     * The WebSocket API's {@code wss://} URL, which the review page connects to (the stack sets it on the API function);
     * empty: clients use this server's own socket.
     */
    Optional<String> url();

    /** DynamoDB table of the open connections and the task each one follows. */
    @WithDefault("engram-socket-connections")
    String connectionsTable();

    /** Open connections one user may hold; one more is refused at {@code $connect} (429). */
    @WithDefault("20")
    int maxPerUser();

    /** Issuer ({@code iss}) of the accepted tokens. */
    String issuer();

    /** Accepted audiences: a token's {@code aud} or, as in Cognito access tokens, its {@code client_id}. */
    List<String> audiences();

    /**
     * Where the issuer's verification keys are (a JWKS URL or a PEM file); empty: the {@code jwks_uri} of the issuer's
     * OpenID configuration, as API Gateway's JWT authorizer finds them.
     */
    Optional<String> keysLocation();
}
