package dev.engram.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Escalations to the alarm topic ({@code engram.dlq.auto-retry.topic-arn}), the JSON of the escalation as the
 * message, so the administrators subscribed to the alarms get the job, user, chunk, reason and retry count. Without a
 * topic (the local stack has no SNS) the escalation is logged as a warning; either way it is counted
 * ({@code engram.dlq.escalated}) and the dead-letter ledger keeps the record.
 */
@ApplicationScoped
class AlarmTopicEscalations implements Escalations {

    private static final Logger LOG = Logger.getLogger(AlarmTopicEscalations.class);
    /** SNS caps a subject at 100 characters. */
    private static final int SUBJECT_MAX = 100;

    private final DeadLetterSettings settings;
    private final Instance<SnsClient> sns;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    AlarmTopicEscalations(DeadLetterSettings settings, Instance<SnsClient> sns, ObjectMapper json,
            MeterRegistry metrics) {
        this.settings = settings;
        this.sns = sns;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public void publish(Escalation escalation) {
        String body = toJson(escalation);
        if (settings.topicArn().isPresent()) {
            String subject = escalation.summary();
            sns.get().publish(b -> b.topicArn(settings.topicArn().get()).message(body)
                    .subject(subject.length() > SUBJECT_MAX ? subject.substring(0, SUBJECT_MAX) : subject)
                    .messageAttributes(Map.of("queue", MessageAttributeValue.builder().dataType("String")
                            .stringValue(escalation.queue()).build())));
        } else {
            LOG.warnf("%s (no alarm topic configured): %s", escalation.summary(), body);
        }
        metrics.counter("engram.dlq.escalated", "queue", escalation.queue()).increment();
    }

    private String toJson(Escalation escalation) {
        try {
            return json.writeValueAsString(escalation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an escalation", e);
        }
    }
}
