package dev.engram.platform.aws;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Raw inputs kept as objects; S3 on AWS and locally (s3proxy). */
public interface BlobStore {

    /** Stores bytes under {@code key}; overwriting the same key with the same bytes is harmless. */
    void put(String key, byte[] bytes, String contentType, Map<String, String> metadata);

    /** Opens an object, or empty when it does not exist. The caller closes the stream. */
    Optional<InputStream> open(String key);

    /** The object's size and user metadata, or empty when it does not exist. */
    Optional<BlobInfo> head(String key);

    /** Deletes an object; absent objects are fine. */
    void delete(String key);

    /** A URL that lets its holder PUT one object under {@code key} until it expires. */
    String presignPut(String key, String contentType, Duration validity);

    /** The bucket's name, as S3 event notifications carry it. */
    String bucket();

    /** Size and metadata of a stored object. */
    record BlobInfo(long size, String contentType, Map<String, String> metadata) {
    }
}
