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
                "x-ratelimit-reset-requests", "1m0.5s", "x-ratelimit-limit-requests", "500")::get, NOW);
        assertThat(s.remaining()).isZero();
        assertThat(s.limit()).isEqualTo(500);
        assertThat(s.resetIn()).isEqualTo(Duration.ofMillis(60_500));
    }

    @Test
    void openAiDurationsAreReadPartByPart() {
        assertThat(RateSignals.duration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(RateSignals.duration("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(RateSignals.duration("6m0.5s")).isEqualTo(Duration.ofMillis(360_500));
        assertThat(RateSignals.duration("2m30.25s")).isEqualTo(Duration.ofMillis(150_250));
        assertThat(RateSignals.duration("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
        assertThat(RateSignals.duration("20ms")).isEqualTo(Duration.ofMillis(20));
        assertThat(RateSignals.duration("0.25s")).isEqualTo(Duration.ofMillis(250));
        assertThat(RateSignals.duration("soon")).isNull();
    }

    @Test
    void aResetFurtherThanFiveMinutesIsLeftToTheQueue() {
        var s = RateSignals.parse(Map.of("x-ratelimit-reset-requests", "6m0.5s")::get, NOW);
        assertThat(s.resetIn()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void absentOrGarbledHeadersSayNothing() {
        var s = RateSignals.parse(Map.of("retry-after", "soon")::get, NOW);
        assertThat(s.retryAfter()).isNull();
        assertThat(s.remaining()).isEqualTo(-1);
        assertThat(s.limit()).isEqualTo(-1);
        assertThat(s.resetIn()).isNull();
    }
}
