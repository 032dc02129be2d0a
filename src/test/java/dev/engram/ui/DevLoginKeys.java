package dev.engram.ui;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * A test profile whose verifier trusts a key pair made for the run, with the dev login signing by its private half,
 * as {@code make keys} arranges locally. The global test resources (the other tests' token keys) are left out, so
 * only this pair is trusted.
 */
public class DevLoginKeys implements QuarkusTestProfile {

    /** The private key the dev login reads; tests move it away to see the dev login refuse. */
    public static final Path PRIVATE_KEY = Path.of("target", "ui-dev-login", "private.pem").toAbsolutePath();
    static final Path PUBLIC_KEY = PRIVATE_KEY.resolveSibling("public.pem");

    @Override
    public Map<String, String> getConfigOverrides() {
        writeKeyPair();
        return Map.of(
                "engram.local.dev-login.key-location", PRIVATE_KEY.toString(),
                "mp.jwt.verify.publickey.location", PUBLIC_KEY.toUri().toString());
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    private static synchronized void writeKeyPair() {
        if (Files.exists(PRIVATE_KEY) && Files.exists(PUBLIC_KEY)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(PRIVATE_KEY.getParent());
            Files.writeString(PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
