package dev.engram.bench;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** A key pair made for the run (kept under target/bench, never committed) and tokens signed with it. */
public final class Tokens {

    private static final KeyPair KEYS = generate();
    private static boolean written;

    private Tokens() {
    }

    /** The public half as PEM, written once per run (the key pair is new each run); Engram's verifier reads it. */
    public static synchronized Path publicKeyFile() {
        Path file = Bench.OUT.resolve("jwt").resolve("public.pem");
        if (!written) {
            written = true;
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    public static String forUser(String user) {
        Instant now = Instant.now();
        return Jwt.issuer("https://engram.local").subject(user).upn(user).audience("engram")
                .issuedAt(now.minusSeconds(60)).expiresAt(now.plus(Duration.ofHours(2))).sign(KEYS.getPrivate());
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
