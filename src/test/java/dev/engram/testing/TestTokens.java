package dev.engram.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Signs test tokens with a key pair made for the test run (never committed) and points the application's verifier at
 * its public half.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {

    private static final KeyPair KEYS = generate();

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-jwt"));
            Path pub = dir.resolve("public.pem");
            Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return Map.of("mp.jwt.verify.publickey.location", pub.toAbsolutePath().toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** A valid token for {@code user}. */
    public static String forUser(String user, String... groups) {
        return sign(user, Set.of(groups), Instant.now().plus(Duration.ofHours(1)), KEYS.getPrivate());
    }

    /** A token signed by a key the application does not trust. */
    public static String forged(String user) {
        return sign(user, Set.of(), Instant.now().plus(Duration.ofHours(1)), generate().getPrivate());
    }

    /** A valid token for {@code user} that expires {@code in} from now. */
    public static String expiringIn(String user, Duration in) {
        return sign(user, Set.of(), Instant.now().plus(in), KEYS.getPrivate());
    }

    /** A correctly signed token that has expired. */
    public static String expired(String user) {
        return sign(user, Set.of(), Instant.now().minus(Duration.ofHours(1)), KEYS.getPrivate());
    }

    private static String sign(String user, Set<String> groups, Instant expires, PrivateKey key) {
        return Jwt.issuer("https://engram.local").subject(user).upn(user).audience("engram").groups(groups)
                .issuedAt(expires.minus(Duration.ofHours(2))).expiresAt(expires).sign(key);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
