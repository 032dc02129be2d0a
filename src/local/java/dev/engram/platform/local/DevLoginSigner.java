package dev.engram.platform.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs RS256 JWTs with the local key pair, the same tokens {@code make token} prints. The key is read on each call,
 * so a key pair made after start is picked up and a removed one stops the minting.
 */
@ApplicationScoped
public class DevLoginSigner {

    private static final String PEM_HEADER = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_FOOTER = "-----END PRIVATE KEY-----";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    // A plain mapper: claim names are fixed by RFC 7519, not by the API's naming strategy.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DevLoginSettings settings;

    DevLoginSigner(DevLoginSettings settings) {
        this.settings = settings;
    }

    /** A signed token, or why none can be made. */
    public sealed interface Outcome {
    }

    /** A token and when it expires. */
    public record Signed(String token, Instant expiresAt) implements Outcome {
    }

    /** No token: the key is missing or unusable. */
    public record Refused(String reason) implements Outcome {
    }

    /** Whether a signing key is in place. */
    public boolean available() {
        return settings.enabled() && Files.isReadable(keyPath());
    }

    public Outcome sign(String user, List<String> groups, Instant now) {
        if (!settings.enabled()) {
            return new Refused("dev login is disabled (engram.local.dev-login.enabled=false)");
        }
        Optional<PrivateKey> key = readKey();
        if (key.isEmpty()) {
            return new Refused("no usable signing key at " + settings.keyLocation() + " (run: make keys)");
        }
        Instant expires = now.plus(settings.lifetime());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", settings.issuer());
        claims.put("aud", settings.audience());
        claims.put("sub", user);
        claims.put("upn", user);
        claims.put("groups", groups);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        try {
            String signingInput = encode(Map.of("alg", "RS256", "typ", "JWT")) + "." + encode(claims);
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.get());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return new Signed(signingInput + "." + B64URL.encodeToString(rsa.sign()), expires);
        } catch (GeneralSecurityException e) {
            return new Refused("the key at " + settings.keyLocation() + " cannot sign: " + e.getMessage());
        }
    }

    private Path keyPath() {
        return Path.of(settings.keyLocation());
    }

    private Optional<PrivateKey> readKey() {
        try {
            String pem = Files.readString(keyPath(), StandardCharsets.US_ASCII);
            int start = pem.indexOf(PEM_HEADER);
            int end = pem.indexOf(PEM_FOOTER);
            if (start < 0 || end < start) {
                return Optional.empty();
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + PEM_HEADER.length(), end));
            return Optional.of(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String encode(Map<String, Object> part) {
        try {
            return B64URL.encodeToString(JSON.writeValueAsBytes(part));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("claims are plain strings and numbers", e);
        }
    }
}
