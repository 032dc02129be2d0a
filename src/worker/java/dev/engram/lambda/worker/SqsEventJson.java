package dev.engram.lambda.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Keeps SQS events and batch responses in AWS's camelCase. The Lambda runtime reads events with a copy of the
 * application's mapper, whose snake_case naming would otherwise lose {@code messageId} and write
 * {@code batch_item_failures}, which Lambda ignores (every record would then count as processed).
 */
@Singleton
public class SqsEventJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        for (Class<?> type : new Class<?>[] {SQSEvent.class, SQSEvent.SQSMessage.class,
                SQSEvent.MessageAttribute.class, SQSBatchResponse.class, SQSBatchResponse.BatchItemFailure.class}) {
            mapper.addMixIn(type, AwsCamelCase.class);
        }
    }

    /** Mix-in giving AWS event classes their own property names. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    interface AwsCamelCase {
    }
}
