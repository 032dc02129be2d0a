package dev.engram.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The adaptive limiter on a hand-driven clock. */
class AdaptiveRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AdaptiveRateLimiter limiter = new AdaptiveRateLimiter("test", 600, 0.9, 60, now::get);

    @Test
    void permitsAreSpreadEvenlyAtTheConfiguredRate() {
        long first = limiter.reserve();
        long second = limiter.reserve();
        long third = limiter.reserve();
        assertThat(second - first).isEqualTo(SECOND / 10);
        assertThat(third - second).isEqualTo(SECOND / 10);
    }

    @Test
    void throttledAnswerPausesEveryoneUntilRetryAfterAndLowersTheRateGently() {
        long sent = limiter.reserve();
        limiter.onThrottled(sent, Duration.ofSeconds(2));

        assertThat(limiter.reserve()).isGreaterThanOrEqualTo(now.get() + 2 * SECOND);
        assertThat(limiter.requestsPerMinute()).isCloseTo(540, within(0.01));
    }

    @Test
    void manyThrottledAnswersToRequestsOfOneRoundTripLowerTheRateOnce() {
        long a = limiter.reserve();
        long b = limiter.reserve();
        long c = limiter.reserve();
        now.addAndGet(SECOND);
        limiter.onThrottled(a, null);
        limiter.onThrottled(b, null);
        limiter.onThrottled(c, null);

        assertThat(limiter.decreaseCount()).isEqualTo(1);
        assertThat(limiter.throttledCount()).isEqualTo(3);
        assertThat(limiter.requestsPerMinute()).isCloseTo(540, within(0.01));
    }

    @Test
    void rateRecoversLinearlyToTheCeilingAndNoFurther() {
        limiter.onThrottled(limiter.reserve(), null);
        now.addAndGet(SECOND);
        limiter.onThrottled(limiter.reserve(), null);
        double low = limiter.requestsPerMinute();

        now.addAndGet(SECOND / 2);
        assertThat(limiter.requestsPerMinute()).as("60/min more each second").isCloseTo(low + 30, within(0.5));
        now.addAndGet(600 * SECOND);
        assertThat(limiter.requestsPerMinute()).isEqualTo(600);
    }

    @Test
    void spentQuotaSlowsDownWithoutPausing() {
        long sent = limiter.reserve();
        limiter.onQuotaSpent(sent);
        assertThat(limiter.requestsPerMinute()).isCloseTo(540, within(0.01));
        assertThat(limiter.reserve() - now.get()).isLessThan(SECOND);
    }

    @Test
    void aStatedQuotaBelowTheConfiguredRateCapsThePaceJustUnderIt() {
        limiter.onQuotaStated(300);
        assertThat(limiter.requestsPerMinute()).isCloseTo(300 * AdaptiveRateLimiter.QUOTA_SHARE, within(0.01));
        long first = limiter.reserve();
        assertThat(limiter.reserve() - first).isEqualTo((long) (60 * SECOND / (300 * AdaptiveRateLimiter.QUOTA_SHARE)));
    }

    @Test
    void afterAThrottledAnswerThePaceClimbsBackToTheStatedQuotaAndNotPastIt() {
        limiter.onQuotaStated(300);
        limiter.onThrottled(limiter.reserve(), null);
        assertThat(limiter.requestsPerMinute()).isLessThan(300 * AdaptiveRateLimiter.QUOTA_SHARE);
        now.addAndGet(600 * SECOND);
        assertThat(limiter.requestsPerMinute()).isCloseTo(300 * AdaptiveRateLimiter.QUOTA_SHARE, within(0.01));
    }

    @Test
    void aStatedQuotaAboveTheConfiguredRateChangesNothing() {
        limiter.onQuotaStated(1_000_000);
        assertThat(limiter.requestsPerMinute()).isEqualTo(600);
    }

    @Test
    void aRaisedQuotaLetsThePaceClimbToTheNewCeiling() {
        limiter.onQuotaStated(120);
        limiter.onQuotaStated(480);
        now.addAndGet(600 * SECOND);
        assertThat(limiter.requestsPerMinute()).isCloseTo(480 * AdaptiveRateLimiter.QUOTA_SHARE, within(0.01));
    }
}
