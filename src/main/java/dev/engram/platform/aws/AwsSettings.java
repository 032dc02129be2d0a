package dev.engram.platform.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Where Engram's AWS resources are; on AWS the region and credentials come from the Lambda environment. */
@ConfigMapping(prefix = "engram.aws")
public interface AwsSettings {

    /** AWS region of the bucket. */
    @WithDefault("us-east-1")
    String region();

    /** Bucket holding raw inputs ({@code inputs/}, {@code uploads/}, {@code drop/}). */
    String bucket();

    /** S3 endpoint override, for the local s3proxy; empty on AWS. */
    Optional<String> s3Endpoint();

    /** SNS endpoint override; empty on AWS (the tests point it at a recording endpoint, there is no local SNS). */
    Optional<String> snsEndpoint();

    /**
     * The API Gateway Management API endpoint of the progress WebSocket API
     * ({@code https://<api>.execute-api.<region>.amazonaws.com/<stage>}), where pushes to connections go; set on the
     * pusher function only (the tests point it at a local stand-in).
     */
    Optional<String> socketCallbackUrl();

    /** Path-style bucket addressing (needed by s3proxy). */
    @WithDefault("false")
    boolean pathStyle();

    /** Static access key for the local stack; empty on AWS (the default credentials chain applies). */
    Optional<String> accessKeyId();

    /** Static secret for the local stack; empty on AWS. */
    Optional<String> secretAccessKey();

    /**
     * Class names of AWS SDK execution interceptors added to the S3 client, as {@code quarkus.dynamodb.interceptors}
     * does for DynamoDB; empty in production (the tests inject S3 faults this way).
     */
    Optional<List<String>> s3Interceptors();
}
