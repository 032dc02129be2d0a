package dev.engram.platform.aws;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Secrets Manager secrets whose values become configuration at start ({@link SecretsConfigSourceFactory} reads these
 * keys before the mappings exist; this interface documents them and validates their shape).
 */
@ConfigMapping(prefix = "engram.secrets")
public interface SecretsSettings {

    /** Secret with {@code username} and {@code password} of the database (Aurora's generated credentials). */
    Optional<String> databaseArn();

    /** Secret holding a JSON object of config keys, e.g. {@code {"ENGRAM_OPENAI_API_KEY": "sk-..."}}. */
    Optional<String> providerArn();
}
