package dev.engram.platform.aws;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Says loudly at start when {@link FaultInjection} is switched on, so a process injecting faults is never mistaken for
 * a healthy one; it also makes {@link FaultInjectionSettings} known to the configuration the interceptor reads.
 */
@ApplicationScoped
class FaultInjectionNotice {

    private static final Logger LOG = Logger.getLogger(FaultInjectionNotice.class);

    void onStart(@Observes StartupEvent event, FaultInjectionSettings settings) {
        if (settings.enabled()) {
            LOG.warnf("fault injection is ON: DynamoDB %.3f, SQS %.3f, S3 %.3f of calls fail, halt before count %.3f"
                    + " (chaos run only)", settings.dynamodbRate(), settings.sqsRate(), settings.s3Rate(),
                    settings.haltBeforeCountRate());
        }
    }
}
