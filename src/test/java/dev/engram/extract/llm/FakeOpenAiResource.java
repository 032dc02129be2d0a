package dev.engram.extract.llm;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts {@link FakeOpenAi} for a test profile, points both providers at it and hands it to the tests. */
public class FakeOpenAiResource implements QuarkusTestResourceLifecycleManager {

    private FakeOpenAi fake;

    @Override
    public Map<String, String> start() {
        fake = FakeOpenAi.start();
        return Map.of("engram.llm.base-url", fake.baseUrl(),
                "engram.embed.openai.base-url", fake.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fake,
                new TestInjector.AnnotatedAndMatchesType(InjectFakeOpenAi.class, FakeOpenAi.class));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
