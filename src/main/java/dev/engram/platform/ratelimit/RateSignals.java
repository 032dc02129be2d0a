package dev.engram.platform.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a provider's answer says about its quota: {@code Retry-After} (seconds or an HTTP date; {@code retry-after-ms}
 * when present, as OpenAI sends it) and {@code x-ratelimit-limit-requests} / {@code x-ratelimit-remaining-requests} /
 * {@code x-ratelimit-reset-requests} (durations such as {@code 1s}, {@code 6m0s}, {@code 250ms}).
 *
 * @param retryAfter how long to wait before the next request, or null
 * @param remaining  requests left in the provider's window, or -1 when not said
 * @param resetIn    when the window's request count is restored, or null
 * @param limit      the provider's request quota (OpenAI's is per minute), or -1 when not said
 */
public record RateSignals(Duration retryAfter, long remaining, Duration resetIn, long limit) {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final Duration LONGEST = Duration.ofMinutes(5);

    /** Reads the signals from response headers ({@code header} returns null for an absent one). */
    public static RateSignals parse(Function<String, String> header, Instant now) {
        Duration retryAfter = millis(header.apply("retry-after-ms"));
        if (retryAfter == null) {
            retryAfter = retryAfter(header.apply("retry-after"), now);
        }
        return new RateSignals(cap(retryAfter), count(header.apply("x-ratelimit-remaining-requests")),
                cap(duration(header.apply("x-ratelimit-reset-requests"))),
                count(header.apply("x-ratelimit-limit-requests")));
    }

    /** A count header's value, or -1 when absent or not a number. */
    private static long count(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static Duration duration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = PART.matcher(value.trim());
        double millis = 0;
        boolean any = false;
        while (m.find()) {
            any = true;
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "h" -> n * 3_600_000;
                case "m" -> n * 60_000;
                case "s" -> n * 1000;
                default -> n;
            };
        }
        return any ? Duration.ofMillis(Math.round(millis)) : null;
    }

    private static Duration millis(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(value.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A provider asking for more than a few minutes is better served by the queue's redelivery. */
    private static Duration cap(Duration d) {
        return d == null ? null : d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }
}
