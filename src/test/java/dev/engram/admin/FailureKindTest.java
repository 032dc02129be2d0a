package dev.engram.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reasons the pipeline records, sorted into worth retrying or not, and the backoff between retries. */
class FailureKindTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "the LLM provider is rate limiting (429): slow down",
        "the LLM provider failed (503): upstream",
        "the LLM provider failed (408)",
        "the LLM provider did not answer in time; gave up after the configured retries",
        "the LLM provider is not reachable: Connection refused",
        "the LLM provider has been failing; calls are suspended for a while (circuit open)",
        "a storage or queue service did not answer as expected (SdkClientException)",
        "the configured LLM request rate was exceeded; gave up after the configured retries",
        "the split function's time ran out before the input was read; it was tried on every allowed delivery",
        "Task timed out after 420.00 seconds",
        "chunk 3: the LLM provider failed (500)"})
    void transientReasonsAreRetried(String reason) {
        assertThat(FailureKind.of(reason)).isEqualTo(FailureKind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "the model's answer was invalid twice: items[0].memory_type is not one of the requested types",
        "the document could not be read: the PDF is encrypted",
        "no extractable text; OCR is not supported",
        "the LLM provider refused the API key (401); check ENGRAM_OPENAI_API_KEY",
        "the LLM provider rejected the request (400): context length exceeded",
        "IllegalArgumentException: chunk text is empty",
        "chunk 503: IllegalStateException: no candidates",
        ""})
    void permanentOrUnknownReasonsAreLeftForPeople(String reason) {
        assertThat(FailureKind.of(reason)).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void noReasonIsPermanent() {
        assertThat(FailureKind.of(null)).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void retriesWaitSixtySecondsTimesTwoToTheNCappedAtWhatSqsAllows() {
        Duration base = Duration.ofSeconds(60);
        assertThat(DeadLetterSweeper.delayOf(base, 0)).hasSeconds(60);
        assertThat(DeadLetterSweeper.delayOf(base, 1)).hasSeconds(120);
        assertThat(DeadLetterSweeper.delayOf(base, 2)).hasSeconds(240);
        assertThat(DeadLetterSweeper.delayOf(base, 5)).isEqualTo(Duration.ofMinutes(15));
    }
}
