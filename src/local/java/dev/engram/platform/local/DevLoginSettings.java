package dev.engram.platform.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The local build's dev login: which key signs its tokens and what they claim. */
@ConfigMapping(prefix = "engram.local.dev-login")
public interface DevLoginSettings {

    /** Whether {@code /local/dev-login} mints tokens at all. */
    @WithDefault("true")
    boolean enabled();

    /** PEM (PKCS#8) RSA private key that signs the tokens; the verifier's public key must be its other half. */
    @WithDefault("${ENGRAM_STATE_DIR:.local}/jwt/private.pem")
    String keyLocation();

    /** The tokens' {@code iss}: the issuer the verifier expects. */
    @WithDefault("${mp.jwt.verify.issuer:https://engram.local}")
    String issuer();

    /** The tokens' {@code aud}. */
    @WithDefault("${mp.jwt.verify.audiences:engram}")
    String audience();

    /** How long a token is valid. */
    @WithDefault("PT12H")
    Duration lifetime();
}
