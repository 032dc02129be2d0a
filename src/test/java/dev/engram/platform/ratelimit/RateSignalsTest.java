package dev.engram.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a provider's quota headers. */
class RateSignalsTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:00:00Z");

    @Test
    void retryAfterMillisWinsOverSeconds() {
        var s = RateSignals.parse(Map.of("retry-after", "1", "retry-after-ms", "250")::get, NOW);
        assertThat(s.retryAfter()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void retryAfterAsHttpDateIsTheTimeUntilThen() {
        var s = RateSignals.parse(Map.of("retry-after", "Mon, 15 Jan 2024 10:00:07 GMT")::get, NOW);
        assertThat(s.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void openAiRateLimitHeadersAreRead() {
        var s = RateSignals.parse(Map.of("x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "6m0.5s")::get, NOW);
        assertThat(s.remaining()).isZero();
        assertThat(s.resetIn()).isEqualTo(Duration.ofMillis(300_000));
    }

    @Test
    void absentOrGarbledHeadersSayNothing() {
        var s = RateSignals.parse(Map.of("retry-after", "soon")::get, NOW);
        assertThat(s.retryAfter()).isNull();
        assertThat(s.remaining()).isEqualTo(-1);
        assertThat(s.resetIn()).isNull();
    }
}
