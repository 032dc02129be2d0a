package dev.engram.platform.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** The one place the SNS client is built (created on first use: nothing publishes locally unless a topic is set). */
@ApplicationScoped
public class SnsClientProducer {

    @Produces
    @ApplicationScoped
    SnsClient sns(AwsSettings settings) {
        var builder = SnsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(S3ClientProducer.credentials(settings));
        settings.snsEndpoint().ifPresent(e -> builder.endpointOverride(URI.create(e)));
        return builder.build();
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }
}
