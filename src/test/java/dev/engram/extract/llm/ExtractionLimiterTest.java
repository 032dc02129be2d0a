package dev.engram.extract.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engram.platform.ratelimit.AdaptiveRateLimiter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The extraction pace recovers from a throttled answer over the time {@code engram.llm.full-recovery} names. */
class ExtractionLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private AdaptiveRateLimiter limiter(Duration fullRecovery) {
        return new AdaptiveRateLimiter("test", 600, 0.9, ExtractionLimiter.recoveryPerMinute(600, fullRecovery),
                now::get);
    }

    private void seconds(double s) {
        now.addAndGet((long) (s * 1e9));
    }

    @Test
    void aTenSecondRecoveryRegainsATenPercentDecreaseInOneSecond() {
        AdaptiveRateLimiter pace = limiter(Duration.ofSeconds(10));
        pace.onThrottled(now.get(), null);
        assertThat(pace.requestsPerMinute()).isCloseTo(540, within(0.01));
        seconds(0.5);
        assertThat(pace.requestsPerMinute()).isCloseTo(570, within(0.01));
        seconds(0.5);
        assertThat(pace.requestsPerMinute()).isCloseTo(600, within(0.01));
    }

    @Test
    void aTenMinuteRecoveryTakesAMinuteForTheSameDecrease() {
        AdaptiveRateLimiter pace = limiter(Duration.ofMinutes(10));
        pace.onThrottled(now.get(), null);
        seconds(30);
        assertThat(pace.requestsPerMinute()).isCloseTo(570, within(0.01));
        seconds(30);
        assertThat(pace.requestsPerMinute()).isCloseTo(600, within(0.01));
    }
}
