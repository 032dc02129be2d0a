package dev.engram.lambda.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Keeps API Gateway events and responses in AWS's camelCase. The Lambda runtime reads events with a copy of the
 * application's mapper, whose snake_case naming would otherwise lose {@code rawPath}, {@code requestContext} and the
 * authorizer's claims, and write a response API Gateway cannot read.
 */
@Singleton
public class ApiGatewayEventJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        for (Class<?> type : new Class<?>[] {APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPEvent.RequestContext.class,
                APIGatewayV2HTTPEvent.RequestContext.Http.class, APIGatewayV2HTTPEvent.RequestContext.Authorizer.class,
                APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class, APIGatewayV2HTTPEvent.RequestContext.IAM.class,
                APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.class, APIGatewayV2HTTPResponse.class}) {
            mapper.addMixIn(type, AwsCamelCase.class);
        }
    }

    /** Mix-in giving AWS event classes their own property names. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    interface AwsCamelCase {
    }
}
