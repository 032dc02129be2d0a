package dev.engram.admin;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a dead letter's recorded reason says another delivery may succeed. Transient: throttling, timeouts, 5xx,
 * connection errors, a storage or queue service that did not answer, a function that ran out of time. Permanent:
 * everything else, an unreadable document, a validation failure and a provider answer that failed validation twice
 * among them; a reason nobody recognises is permanent too, so a person sees it instead of a loop retrying it.
 */
enum FailureKind {
    TRANSIENT, PERMANENT;

    /** Checked first: these outcomes do not change on another delivery, whatever else the reason says. */
    private static final List<Pattern> PERMANENT_SIGNS = patterns(
            "invalid twice", "failed validation", "validation fail", "unreadable", "cannot be read",
            "could not be read", "not supported", "refused the api key", "does not know the model", "rejected",
            "\\((40[0-7]|409|41[0-9]|42[0-8])\\)", "no extractable text", "no text to extract");

    private static final List<Pattern> TRANSIENT_SIGNS = patterns(
            "throttl", "rate limit", "\\(429\\)", "too many requests", "rate was exceeded", "timed? ?out",
            "time ran out", "did not answer in time", "\\(5[0-9][0-9]\\)", "\\(408\\)", "status code:? 5[0-9][0-9]",
            "service unavailable", "internal server error", "not reachable", "connection", "connect", "unavailable",
            "circuit open", "did not answer as expected", "please retry", "interrupted", "task timed out");

    /** The kind of the failure {@code reason} describes; null or blank is permanent (nothing to go on). */
    public static FailureKind of(String reason) {
        if (reason == null || reason.isBlank()) {
            return PERMANENT;
        }
        // A job's error names the chunk first ("chunk 512: ..."): its number is no status code.
        String r = reason.toLowerCase(Locale.ROOT).replaceFirst("^chunk \\d+: ", "");
        if (PERMANENT_SIGNS.stream().anyMatch(p -> p.matcher(r).find())) {
            return PERMANENT;
        }
        return TRANSIENT_SIGNS.stream().anyMatch(p -> p.matcher(r).find()) ? TRANSIENT : PERMANENT;
    }

    /** The wire name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
