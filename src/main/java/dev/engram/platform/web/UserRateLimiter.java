package dev.engram.platform.web;

import dev.engram.platform.errors.RateLimited;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A per-user token bucket on the API. On AWS, API Gateway's route throttling does this job and the limiter is off;
 * locally it keeps one user from starving the others. Sized so that polling progress once a second never trips it.
 */
@ApplicationScoped
public class UserRateLimiter {

    /** The per-user API limit. */
    @ConfigMapping(prefix = "engram.api.rate-limit")
    public interface Settings {

        /** Whether the in-app limiter is on (off behind API Gateway throttling). */
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second per user. */
        @WithDefault("10")
        double perSecond();

        /** Requests a user may make in a burst. */
        @WithDefault("40")
        int burst();
    }

    private final Settings settings;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    UserRateLimiter(Settings settings) {
        this(settings, System::nanoTime);
    }

    UserRateLimiter(Settings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.clock = nanoClock;
    }

    /** Takes one request from the user's bucket, or refuses with the seconds until one is available. */
    public void acquire(String userId) {
        if (!settings.enabled()) {
            return;
        }
        long now = clock.getAsLong();
        if (buckets.size() > 10_000) {
            buckets.entrySet().removeIf(e -> e.getValue().idleSince(now) > 60_000_000_000L);
        }
        double waitSeconds = buckets.computeIfAbsent(userId, u -> new Bucket(settings.burst(), now))
                .take(now, settings.perSecond(), settings.burst());
        if (waitSeconds > 0) {
            throw new RateLimited((long) Math.ceil(waitSeconds));
        }
    }

    /** Tokens refill continuously up to the burst size. */
    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.last = now;
        }

        synchronized double take(long now, double perSecond, int burst) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (1 - tokens) / perSecond;
        }

        synchronized long idleSince(long now) {
            return now - last;
        }
    }
}
