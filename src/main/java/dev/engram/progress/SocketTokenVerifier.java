package dev.engram.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Verifies the token a client opens the progress WebSocket API with, as API Gateway's JWT authorizer verifies the HTTP
 * API's: the issuer's signature (keys from its OpenID configuration, or {@code keys-location}), {@code iss}, the
 * expiry, and an accepted audience in {@code aud} or {@code client_id}. The Lambda variants disable smallrye-jwt's
 * beans (API Gateway verifies HTTP tokens), so this builds its own parser from {@link SocketSettings}.
 */
@ApplicationScoped
public class SocketTokenVerifier {

    private static final Logger LOG = Logger.getLogger(SocketTokenVerifier.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** Who a valid token names and until when it is valid. */
    public record Verified(String userId, Instant expiresAt) {
    }

    private final SocketSettings settings;
    private final ObjectMapper json;
    private volatile DefaultJWTParser parser;

    SocketTokenVerifier(SocketSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /** The user and expiry of a valid token; empty for a missing, malformed, foreign or expired one. */
    public Optional<Verified> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser().parse(token);
            if (jwt.getSubject() == null || !forUs(jwt)) {
                LOG.debugf("socket token refused: no subject or no accepted audience");
                return Optional.empty();
            }
            return Optional.of(new Verified(jwt.getSubject(), Instant.ofEpochSecond(jwt.getExpirationTime())));
        } catch (ParseException e) {
            LOG.debugf("socket token refused: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** An accepted audience as {@code aud}, or as {@code client_id} (Cognito access tokens carry no aud). */
    private boolean forUs(JsonWebToken jwt) {
        Set<String> audiences = jwt.getAudience() == null ? Set.of() : jwt.getAudience();
        Object clientId = jwt.getClaim("client_id");
        return settings.audiences().stream()
                .anyMatch(a -> audiences.contains(a) || (clientId != null && a.equals(clientId.toString())));
    }

    private DefaultJWTParser parser() throws ParseException {
        DefaultJWTParser p = parser;
        if (p == null) {
            synchronized (this) {
                if (parser == null) {
                    String keys = settings.keysLocation().filter(k -> !k.isBlank()).orElse(null);
                    parser = new DefaultJWTParser(new JWTAuthContextInfo(keys != null ? keys : discoverKeys(),
                            settings.issuer()));
                }
                p = parser;
            }
        }
        return p;
    }

    /** The issuer's {@code jwks_uri}, from its OpenID configuration. */
    private String discoverKeys() throws ParseException {
        String issuer = settings.issuer().replaceAll("/+$", "");
        URI configuration = URI.create(issuer + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(configuration)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String jwks = answer.statusCode() == 200 ? json.readTree(answer.body()).path("jwks_uri").asText("") : "";
            if (jwks.isEmpty()) {
                throw new ParseException("no jwks_uri in " + configuration + " (HTTP " + answer.statusCode() + ")");
            }
            return jwks;
        } catch (IOException e) {
            throw new ParseException("cannot read " + configuration + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParseException("interrupted reading " + configuration, e);
        }
    }
}
