package dev.engram.platform.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces calls to a rate-limited provider and adapts the pace to what the provider says. Calls are spread evenly at
 * the current rate; a throttled answer (429) pauses everyone until its {@code Retry-After} and lowers the rate by a
 * gentle factor, at most once per round trip (answers to requests sent before the last decrease do not lower it
 * again), and the rate then climbs back linearly towards the ceiling: the configured rate, or a little under the
 * quota the provider's answers state ({@code x-ratelimit-limit-requests}) when that is lower, so a pace that has
 * found the quota stays at it instead of climbing past it into the next 429. A static {@code @RateLimit} cannot
 * change at run time; this sits in front of it so a provider quota below the configured rate does not become a
 * retry storm.
 */
public final class AdaptiveRateLimiter {

    private static final double NANOS_PER_SECOND = 1e9;
    /**
     * The share of the provider's stated quota the pace may reach: an even pace right at the quota's refill rate
     * leaves the provider's bucket no slack for the jitter of requests in flight, and every 429 costs a request a
     * retry's back-off.
     */
    static final double QUOTA_SHARE = 0.98;

    private final String name;
    private final double maxPerSecond;
    private final double minPerSecond;
    private final double decreaseFactor;
    private final double recoveryPerSecondPerSecond;
    private final LongSupplier clock;

    private double perSecond;
    /** What the rate recovers to: the configured rate, or the provider's stated quota when lower. */
    private double ceilingPerSecond;
    private long nextSlot;
    private long pausedUntil;
    private long lastDecrease;
    private long lastRecovery;
    private long throttled;
    private long decreases;

    /**
     * @param name              for logs and metrics
     * @param requestsPerMinute the ceiling (and starting) rate
     * @param decreaseFactor    the rate is multiplied by this on a throttled answer, within [0.5, 1)
     * @param recoveryPerMinute how many requests per minute the rate climbs back each second
     * @param clock             a nanosecond clock ({@link System#nanoTime} outside tests)
     */
    public AdaptiveRateLimiter(String name, double requestsPerMinute, double decreaseFactor, double recoveryPerMinute,
            LongSupplier clock) {
        if (requestsPerMinute <= 0) {
            throw new IllegalArgumentException("requests per minute must be positive, was " + requestsPerMinute);
        }
        if (decreaseFactor < 0.5 || decreaseFactor >= 1.0) {
            throw new IllegalArgumentException("decrease factor must be within [0.5, 1), was " + decreaseFactor);
        }
        this.name = name;
        this.maxPerSecond = requestsPerMinute / 60.0;
        this.minPerSecond = Math.min(this.maxPerSecond, 1.0 / 60.0);
        this.decreaseFactor = decreaseFactor;
        this.recoveryPerSecondPerSecond = Math.max(0, recoveryPerMinute) / 60.0;
        this.clock = clock;
        long now = clock.getAsLong();
        this.perSecond = maxPerSecond;
        this.ceilingPerSecond = maxPerSecond;
        this.nextSlot = now;
        this.pausedUntil = now;
        this.lastDecrease = now - 1;
        this.lastRecovery = now;
    }

    public AdaptiveRateLimiter(String name, double requestsPerMinute, double decreaseFactor,
            double recoveryPerMinute) {
        this(name, requestsPerMinute, decreaseFactor, recoveryPerMinute, System::nanoTime);
    }

    public String name() {
        return name;
    }

    /**
     * Waits for this caller's turn.
     *
     * @return the time of the permit on this limiter's clock; pass it to {@link #onThrottled} for that request
     */
    public long acquire() throws InterruptedException {
        long slot = reserve();
        long wait = slot - clock.getAsLong();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        return slot;
    }

    /** Books the next slot and returns its time; exposed for tests that do not want to sleep. */
    synchronized long reserve() {
        long now = clock.getAsLong();
        recover(now);
        long slot = Math.max(now, Math.max(nextSlot, pausedUntil));
        nextSlot = slot + (long) (NANOS_PER_SECOND / perSecond);
        return slot;
    }

    /**
     * The provider refused a request for exceeding its quota.
     *
     * @param sentAt     when that request got its permit (its {@link #acquire()} value)
     * @param retryAfter how long the provider asked to wait, or null
     */
    public synchronized void onThrottled(long sentAt, Duration retryAfter) {
        long now = clock.getAsLong();
        throttled++;
        if (retryAfter != null && !retryAfter.isNegative()) {
            pausedUntil = Math.max(pausedUntil, now + retryAfter.toNanos());
        }
        if (sentAt > lastDecrease) {
            recover(now);
            perSecond = Math.max(minPerSecond, perSecond * decreaseFactor);
            lastDecrease = now;
            lastRecovery = Math.max(now, pausedUntil);
            decreases++;
        }
    }

    /**
     * The provider's answer said no requests remain in its window: the next one would be refused, so slow down the
     * same way as for a 429, without pausing (the request itself succeeded).
     */
    public synchronized void onQuotaSpent(long sentAt) {
        if (sentAt > lastDecrease) {
            long now = clock.getAsLong();
            recover(now);
            perSecond = Math.max(minPerSecond, perSecond * decreaseFactor);
            lastDecrease = now;
            lastRecovery = now;
            decreases++;
        }
    }

    /**
     * The provider's answer stated its request quota ({@code x-ratelimit-limit-requests}, read as requests per
     * minute, as OpenAI's are): from now on the rate climbs to no more than {@link #QUOTA_SHARE} of it (never above
     * the configured rate), and drops to that at once if it was higher. A later answer stating another quota moves the
     * ceiling with it. With several instances each configured for its share, the configured rate stays the lower
     * bound of the two, and the spent-quota and 429 signals still slow each down.
     */
    public synchronized void onQuotaStated(double requestsPerMinute) {
        if (requestsPerMinute <= 0) {
            return;
        }
        long now = clock.getAsLong();
        recover(now);
        ceilingPerSecond = Math.max(minPerSecond, Math.min(maxPerSecond, requestsPerMinute * QUOTA_SHARE / 60.0));
        perSecond = Math.min(perSecond, ceilingPerSecond);
    }

    /** The current rate in requests per minute. */
    public synchronized double requestsPerMinute() {
        recover(clock.getAsLong());
        return perSecond * 60.0;
    }

    /** Throttled answers seen so far. */
    public synchronized long throttledCount() {
        return throttled;
    }

    /** Rate decreases so far (at most one per round trip). */
    public synchronized long decreaseCount() {
        return decreases;
    }

    private void recover(long now) {
        if (now <= lastRecovery) {
            return;
        }
        double seconds = (now - lastRecovery) / NANOS_PER_SECOND;
        perSecond = Math.min(ceilingPerSecond, perSecond + recoveryPerSecondPerSecond * seconds);
        lastRecovery = now;
    }
}
