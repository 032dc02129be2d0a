package dev.engram.platform.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The one place the API Gateway Management API client is built. Its endpoint is the WebSocket API's stage URL on AWS
 * as well ({@code engram.aws.socket-callback-url}), so it is created on first use, by the pusher function only.
 */
@ApplicationScoped
public class ManagementApiClientProducer {

    @Produces
    @ApplicationScoped
    ApiGatewayManagementApiClient managementApi(AwsSettings settings) {
        String endpoint = settings.socketCallbackUrl().orElseThrow(() -> new IllegalStateException(
                "engram.aws.socket-callback-url is not set: no WebSocket API to push progress to"));
        return ApiGatewayManagementApiClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(S3ClientProducer.credentials(settings))
                .endpointOverride(URI.create(endpoint))
                .build();
    }

    void close(@Disposes ApiGatewayManagementApiClient client) {
        client.close();
    }
}
