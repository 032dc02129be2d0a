package dev.engram.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of what the API accepts directly, and of presigned uploads. */
@ConfigMapping(prefix = "engram.ingest")
public interface IngestSettings {

    /** Largest file accepted in a multipart request (API Gateway's 6 MB payload holds about 4 MB base64-encoded). */
    @WithDefault("4194304")
    long maxUploadBytes();

    /** Largest file accepted by presigned upload or drop folder. */
    @WithDefault("104857600")
    long maxObjectBytes();

    /** How long a presigned upload URL is valid. */
    @WithDefault("PT15M")
    Duration presignedValidity();
}
