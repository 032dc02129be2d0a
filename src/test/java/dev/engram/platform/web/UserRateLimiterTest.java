package dev.engram.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.platform.errors.RateLimited;
import org.junit.jupiter.api.Test;

class UserRateLimiterTest {

    private long now = 0;

    private UserRateLimiter limiter(double perSecond, int burst) {
        return new UserRateLimiter(new UserRateLimiter.Settings() {
            public boolean enabled() {
                return true;
            }

            public double perSecond() {
                return perSecond;
            }

            public int burst() {
                return burst;
            }
        }, () -> now);
    }

    @Test
    void aBurstBeyondTheBucketGets429WithRetryAfter() {
        var limiter = limiter(1, 3);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("alice");
        }
        assertThatThrownBy(() -> limiter.acquire("alice")).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(1L));
    }

    @Test
    void usersHaveSeparateBuckets() {
        var limiter = limiter(1, 1);
        limiter.acquire("alice");
        limiter.acquire("bob");
        assertThatThrownBy(() -> limiter.acquire("alice")).isInstanceOf(RateLimited.class);
    }

    @Test
    void pollingProgressOnceASecondWithTheDefaultsNeverTrips() {
        var limiter = limiter(10, 40);
        for (int second = 0; second < 600; second++) {
            now = second * 1_000_000_000L;
            limiter.acquire("poller");
            limiter.acquire("poller");
            limiter.acquire("poller");
        }
    }

    @Test
    void theBucketRefillsWithTime() {
        var limiter = limiter(2, 2);
        limiter.acquire("alice");
        limiter.acquire("alice");
        assertThatThrownBy(() -> limiter.acquire("alice")).isInstanceOf(RateLimited.class);
        now += 500_000_000L;
        limiter.acquire("alice");
    }
}
