package dev.engram.platform.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The one place S3 clients are built; the endpoint is overridable for the local s3proxy. */
@ApplicationScoped
public class S3ClientProducer {

    @Produces
    @ApplicationScoped
    S3Client s3(AwsSettings settings) {
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.s3Endpoint().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        settings.s3Interceptors().ifPresent(names -> builder.overrideConfiguration(c -> names.stream()
                .map(S3ClientProducer::interceptor).forEach(c::addExecutionInterceptor)));
        return builder.build();
    }

    private static ExecutionInterceptor interceptor(String className) {
        try {
            return (ExecutionInterceptor) Class.forName(className, true,
                    Thread.currentThread().getContextClassLoader()).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("engram.aws.s3-interceptors: cannot create " + className, e);
        }
    }

    @Produces
    @ApplicationScoped
    S3Presigner presigner(AwsSettings settings) {
        var builder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.s3Endpoint().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        return builder.build();
    }

    void close(@Disposes S3Client client) {
        client.close();
    }

    void close(@Disposes S3Presigner presigner) {
        presigner.close();
    }

    /** Static credentials for the local stack, else the default chain (the Lambda role on AWS). */
    static AwsCredentialsProvider credentials(AwsSettings settings) {
        if (settings.accessKeyId().isPresent() && settings.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
