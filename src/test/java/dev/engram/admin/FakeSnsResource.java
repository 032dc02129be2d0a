package dev.engram.admin;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/** Starts {@link FakeSns}, points the SNS client and the escalations at it, hands it to {@link Inject} fields. */
public class FakeSnsResource implements QuarkusTestResourceLifecycleManager {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:engram-alarms";

    /** Marks the test field that receives the running {@link FakeSns}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private FakeSns fake;

    @Override
    public Map<String, String> start() {
        fake = FakeSns.start();
        return Map.of("engram.aws.sns-endpoint", fake.endpoint(), "engram.dlq.auto-retry.topic-arn", TOPIC);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(Inject.class, FakeSns.class));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
