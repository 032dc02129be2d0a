package dev.engram.extract.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.extract.ExtractionContext;
import dev.engram.extract.ExtractionException;
import dev.engram.extract.MemoryCandidate;
import dev.engram.extract.MemoryType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The openai extractor against a fake provider that throttles, fails, stalls and answers badly. */
@QuarkusTest
@TestProfile(OpenAiTestProfile.class)
class OpenAiExtractorTest {

    private static final ExtractionContext CONTEXT = new ExtractionContext(EnumSet.allOf(MemoryType.class),
            LocalDate.of(2024, 1, 15), ZoneId.of("UTC"));

    @InjectFakeOpenAi
    FakeOpenAi fake;
    @Inject
    OpenAiExtractor extractor;
    @Inject
    ExtractionLimiter limiter;

    @Test
    void validAnswerBecomesCandidatesFromOneSchemaConstrainedRequest() {
        String key = key();
        List<MemoryCandidate> out = extractor.extract(text(key, "ok"), CONTEXT);

        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(MemoryType.TASK);
            assertThat(c.metadata()).containsEntry("due_date", "2024-02-01").containsEntry("assignee", "Sarah");
            assertThat(c.suggestedTags()).containsExactly("follow-up");
        });
        assertThat(fake.requestsFor(key)).isEqualTo(1);
        String body = fake.chatBodiesWith(key).get(0);
        assertThat(body).contains("json_schema").contains("2024-01-15").contains("decision").contains("sentiment");
    }

    @Test
    void theChunksSectionReachesThePromptAndAChunkWithoutOneSaysNothing() {
        String key = key();
        extractor.extract(text(key, "ok"), CONTEXT.under("Topics > Release"));
        String other = key();
        extractor.extract(text(other, "ok"), CONTEXT);
        String user = fake.chatBodiesWith(key).get(0);
        assertThat(user.substring(user.indexOf("\"user\""))).contains("Section of the document: Topics > Release");
        assertThat(fake.chatBodiesWith(other).get(0)).doesNotContain("Section of the document");
    }

    @Test
    void theDocumentsAttendeesReachThePromptAndADocumentWithoutThemSaysNothing() {
        String key = key();
        extractor.extract(text(key, "ok"), CONTEXT.knowing(List.of("Kate Stewart", "Artem Tanriverdiev")));
        String other = key();
        extractor.extract(text(other, "ok"), CONTEXT);
        String user = fake.chatBodiesWith(key).get(0);
        assertThat(user.substring(user.indexOf("\"user\""))).contains("People present")
                .contains("Kate Stewart, Artem Tanriverdiev");
        assertThat(fake.chatBodiesWith(other).get(0)).doesNotContain("People present");
    }

    @Test
    void throttledRequestWaitsForRetryAfterAndThenSucceeds() {
        String key = key();
        long throttledBefore = limiter.limiter().throttledCount();
        long start = System.nanoTime();

        List<MemoryCandidate> out = extractor.extract(text(key, "429,ok"), CONTEXT);

        assertThat(out).hasSize(1);
        assertThat(fake.requestsFor(key)).isEqualTo(2);
        assertThat((System.nanoTime() - start) / 1_000_000).as("waited for retry-after-ms 700").isGreaterThan(650);
        assertThat(limiter.limiter().throttledCount()).isGreaterThan(throttledBefore);
    }

    @Test
    void serverErrorsAreRetriedWithinTheBound() {
        String key = key();
        assertThat(extractor.extract(text(key, "500,500,ok"), CONTEXT)).hasSize(1);
        assertThat(fake.requestsFor(key)).isEqualTo(3);
    }

    @Test
    void providerThatKeepsFailingGivesUpAfterBoundedRetriesAsTransient() {
        String key = key();
        assertThatThrownBy(() -> extractor.extract(text(key, "500"), CONTEXT))
                .isInstanceOfSatisfying(ExtractionException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.getMessage()).contains("500").contains("gave up");
                });
        assertThat(fake.requestsFor(key)).as("one attempt and two retries").isEqualTo(3);
    }

    @Test
    void answerSlowerThanTheTimeoutIsAbandonedAndRetried() {
        String key = key();
        assertThat(extractor.extract(text(key, "slow,ok"), CONTEXT)).hasSize(1);
        assertThat(fake.requestsFor(key)).isEqualTo(2);
    }

    @Test
    void malformedJsonIsAskedForAgainWithTheProblemInThePrompt() {
        String key = key();
        assertThat(extractor.extract(text(key, "malformed,ok"), CONTEXT)).hasSize(1);
        assertThat(fake.requestsFor(key)).isEqualTo(2);
        List<String> bodies = fake.chatBodiesWith(key);
        assertThat(bodies.get(0)).doesNotContain("previous answer was rejected");
        assertThat(bodies.get(1).substring(bodies.get(1).indexOf("\"user\""))).contains("previous answer was rejected").contains("not JSON of the expected shape");
    }

    @Test
    void answerWithUnknownTypeTwiceFailsPermanentlyWithTheReason() {
        String key = key();
        assertThatThrownBy(() -> extractor.extract(text(key, "badtype"), CONTEXT))
                .isInstanceOfSatisfying(ExtractionException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("invalid twice").contains("'gossip'");
                });
        assertThat(fake.requestsFor(key)).isEqualTo(2);
    }

    @Test
    void emptyContentTwiceFailsPermanently() {
        String key = key();
        assertThatThrownBy(() -> extractor.extract(text(key, "empty"), CONTEXT))
                .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.permanent()).isTrue());
        assertThat(fake.requestsFor(key)).isEqualTo(2);
    }

    @Test
    void relativeDateLeftUnresolvedIsCorrectedOnTheSecondAsk() {
        String key = key();
        assertThat(extractor.extract(text(key, "baddate,ok"), CONTEXT)).singleElement()
                .satisfies(c -> assertThat(c.metadata()).containsEntry("due_date", "2024-02-01"));
        assertThat(fake.chatBodiesWith(key).get(1)).contains("deadline").contains("next Friday");
    }

    @Test
    void rejectedApiKeyFailsPermanentlyAfterOneRequest() {
        String key = key();
        assertThatThrownBy(() -> extractor.extract(text(key, "401"), CONTEXT))
                .isInstanceOfSatisfying(ExtractionException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("401").contains("ENGRAM_OPENAI_API_KEY");
                });
        assertThat(fake.requestsFor(key)).isEqualTo(1);
    }

    @Test
    void badRequestFailsPermanentlyWithTheProvidersWords() {
        String key = key();
        assertThatThrownBy(() -> extractor.extract(text(key, "400"), CONTEXT))
                .isInstanceOfSatisfying(ExtractionException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("400").contains("Invalid schema");
                });
        assertThat(fake.requestsFor(key)).isEqualTo(1);
    }

    static String key() {
        return "k" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static String text(String key, String script) {
        return "Action item: Sarah to prepare market research by Feb 1. [[" + key + ":" + script + "]]";
    }
}
